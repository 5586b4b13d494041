import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/client';
import { mayReadSurveyResults, mayWriteQuestionnaires, useQuestionnaires, useSetQuestionnaireStatus } from '../api/surveys';
import type { Questionnaire } from '../api/surveys';
import { useAuth } from '../auth/auth-provider';
import { notifyDone } from '../components/notify';
import { ProblemAlert } from '../components/problem-alert';
import { QuestionnaireForm } from '../components/questionnaire-form';
import { ListTable } from '../components/list-table';
import { QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { ForbiddenScreen } from './forbidden.screen';

/** Questionnaires [Анкеты] (ADR 0027): CommunicationsAdmin writes them; HelpDeskManagers read them for the results. */
export default function QuestionnairesScreen() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { principal } = useAuth();
  const readable = mayReadSurveyResults(principal?.roles);
  const writable = mayWriteQuestionnaires(principal?.roles);
  const list = useQuestionnaires(readable);
  const status = useSetQuestionnaireStatus();
  const [editing, setEditing] = useState<{ questionnaire?: Questionnaire; round: number } | null>(null);
  if (!readable) return <ForbiddenScreen />;
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const items = list.data ?? [];
  const reload = async (id: string) => {
    const fresh = (await call('GET', '/surveys/questionnaires/{id}', { path: { id } })).data;
    void list.refetch();
    setEditing((e) => ({ questionnaire: fresh, round: (e?.round ?? 0) + 1 }));
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('surveys.title')}</Title>
        {writable && (
          <Button onClick={() => setEditing({ round: 0 })} data-testid="questionnaire-new">
            {t('surveys.form.create')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('surveys.intro')}
      </Text>
      <ProblemAlert error={status.error} />
      <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        <ListTable
          testId="questionnaire-table"
          caption={t('surveys.title')}
          columns={[t('surveys.name'), t('surveys.questions'), t('surveys.version'), t('surveys.statusLabel'), t('surveys.actions')]}
          empty={t('surveys.empty')}
          isEmpty={items.length === 0}
          minWidth={760}
          highlightOnHover={false}
        >
          {items.map((q) => (
            <Table.Tr key={q.id} data-questionnaire-id={q.id}>
              <Table.Td>
                <Text fw={600}>{q.name}</Text>
                <Text size="xs" c="dimmed">
                  {q.title[language]} · {q.id}
                </Text>
              </Table.Td>
              <Table.Td>{q.questions.map((question) => t(`surveys.kind.${question.kind}`)).join(', ')}</Table.Td>
              <Table.Td>
                {q.version}
                <Text size="xs" c="dimmed">
                  {f.dateTime(q.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={q.status === 'active' ? 'teal' : 'gray'} variant="filled">
                  {t(`surveys.status.${q.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/surveys/${q.id}/results`} size="sm" data-testid="questionnaire-results">
                    {t('surveys.results.open')}
                  </Anchor>
                  {writable && (
                    <>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setEditing({ questionnaire: q, round: 0 })}
                        aria-label={`${t('surveys.edit')} ${q.name}`}
                      >
                        {t('surveys.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        loading={status.isPending && status.variables.id === q.id}
                        onClick={() => status.mutate(q, { onSuccess: () => notifyDone(t, 'saveQuestionnaire') })}
                        aria-label={`${q.status === 'active' ? t('surveys.block') : t('surveys.activate')} ${q.name}`}
                      >
                        {q.status === 'active' ? t('surveys.block') : t('surveys.activate')}
                      </Button>
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryState>
      {editing && (
        <QuestionnaireForm
          key={`${editing.questionnaire?.id ?? 'new'}:${editing.questionnaire?.version ?? 0}:${editing.round}`}
          {...(editing.questionnaire ? { questionnaire: editing.questionnaire } : {})}
          onClose={() => setEditing(null)}
          onSaved={() => {
            notifyDone(t, 'saveQuestionnaire');
            setEditing(null);
          }}
          onReload={() => void (editing.questionnaire && reload(editing.questionnaire.id))}
        />
      )}
    </Stack>
  );
}
