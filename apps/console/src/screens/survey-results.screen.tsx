import { Anchor, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FREE_TEXT_PAGE, mayReadSurveyResults, useQuestionnaire, useSurveyFreeText, useSurveyResults } from '../api/surveys';
import type { SurveyResultsFilter } from '../api/surveys';
import { useAuth } from '../auth/auth-provider';
import { EmptyState, QueryState } from '../components/query-state';
import { SurveyHeadline, SurveyQuestionResultView } from '../components/survey-question-result';
import { useFormat } from '../i18n/format';
import { ForbiddenScreen } from './forbidden.screen';

interface FilterInputs {
  department: string;
  serviceCode: string | number;
  from: string;
  to: string;
}

const filterOf = (inputs: FilterInputs): SurveyResultsFilter => ({
  ...(inputs.department ? { department: inputs.department } : {}),
  ...(inputs.serviceCode !== '' ? { serviceCode: Number(inputs.serviceCode) } : {}),
  ...(inputs.from ? { from: new Date(`${inputs.from}T00:00:00`).toISOString() } : {}),
  // "to" is the whole day chosen: sent before the next midnight.
  ...(inputs.to ? { to: new Date(new Date(`${inputs.to}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
});

/** A questionnaire's results [Результаты опроса]: filters, headline figures, a distribution per question, free-text answers. */
export default function SurveyResultsScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { principal } = useAuth();
  const admin = Boolean(principal?.roles.includes('CommunicationsAdmin'));
  const [inputs, setInputs] = useState<FilterInputs>({ department: '', serviceCode: '', from: '', to: '' });
  const [filter, setFilter] = useState<SurveyResultsFilter>({});
  const questionnaire = useQuestionnaire(id);
  const results = useSurveyResults(id, filter);
  if (!mayReadSurveyResults(principal?.roles)) return <ForbiddenScreen />;
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const hasFreeText = (results.data?.questions ?? []).some((q) => q.kind === 'text');
  return (
    <Stack>
      <Anchor component={Link} to="/surveys" size="sm">
        ← {t('surveys.title')}
      </Anchor>
      <Title order={2}>
        {t('surveys.results.title')}: {questionnaire.data ? questionnaire.data.title[language] : id}
      </Title>
      <Paper
        withBorder
        p="md"
        component="form"
        aria-label={t('surveys.results.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(filterOf(inputs));
        }}
      >
        <Group align="flex-end">
          {admin ? (
            <TextInput
              label={t('surveys.results.department')}
              value={inputs.department}
              onChange={(e) => {
                const department = e.currentTarget.value.trim();
                setInputs((v) => ({ ...v, department }));
              }}
              w={200}
              data-testid="results-department"
            />
          ) : (
            <Select
              label={t('surveys.results.department')}
              data={principal?.departments ?? []}
              value={inputs.department || null}
              onChange={(value) => setInputs((v) => ({ ...v, department: value ?? '' }))}
              placeholder={t('surveys.results.allDepartments')}
              clearable
              w={200}
            />
          )}
          <NumberInput
            label={t('surveys.results.service')}
            value={inputs.serviceCode}
            onChange={(value) => setInputs((v) => ({ ...v, serviceCode: value }))}
            min={1}
            allowDecimal={false}
            w={140}
          />
          <TextInput
            type="date"
            label={t('surveys.results.from')}
            value={inputs.from}
            onChange={(e) => {
              const from = e.currentTarget.value;
              setInputs((v) => ({ ...v, from }));
            }}
          />
          <TextInput
            type="date"
            label={t('surveys.results.to')}
            value={inputs.to}
            onChange={(e) => {
              const to = e.currentTarget.value;
              setInputs((v) => ({ ...v, to }));
            }}
          />
          <Button type="submit" data-testid="results-apply">
            {t('surveys.results.apply')}
          </Button>
        </Group>
      </Paper>
      <QueryState isLoading={results.isLoading} error={results.error} retry={() => void results.refetch()}>
        {results.data && (
          <Stack data-testid="survey-results">
            <SurveyHeadline results={results.data} />
            {results.data.sent === 0 && <EmptyState>{t('surveys.results.none')}</EmptyState>}
            {results.data.questions.map((q, i) => (
              <SurveyQuestionResultView key={q.questionId} question={q} index={i} />
            ))}
            {hasFreeText && <FreeTextAnswers id={id} filter={filter} />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

/** Free-text answers, newest first, a page at a time; each links to its request when the survey was about one. */
function FreeTextAnswers({ id, filter }: { id: string; filter: SurveyResultsFilter }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const page = useSurveyFreeText(id, filter, offset, true);
  const items = page.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="free-text-title">
      <Title order={3} size="h5" id="free-text-title" mb="sm">
        {t('surveys.results.freeText')}
      </Title>
      <QueryState isLoading={page.isLoading} error={page.error} retry={() => void page.refetch()}>
        {items.length === 0 ? (
          <EmptyState>{t('surveys.results.noFreeText')}</EmptyState>
        ) : (
          <Table data-testid="free-text-answers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('surveys.results.answer')}</Table.Th>
                <Table.Th scope="col">{t('surveys.results.department')}</Table.Th>
                <Table.Th scope="col">{t('surveys.results.request')}</Table.Th>
                <Table.Th scope="col">{t('surveys.results.answeredAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={`${item.communicationId}:${item.questionId}`}>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{item.text}</Table.Td>
                  <Table.Td>{item.department}</Table.Td>
                  <Table.Td>
                    {item.requestId ? (
                      <Anchor component={Link} to={`/requests/${item.requestId}`} size="sm">
                        {t('surveys.results.openRequest')}
                      </Anchor>
                    ) : (
                      <Anchor component={Link} to={`/communications/${item.communicationId}`} size="sm">
                        {t('surveys.results.openCommunication')}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>{f.dateTime(item.answeredAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="space-between" mt="sm">
          <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - FREE_TEXT_PAGE))}>
            {t('surveys.results.previous')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('surveys.results.page', { n: Math.floor(offset / FREE_TEXT_PAGE) + 1 })}
          </Text>
          <Button
            variant="default"
            size="xs"
            disabled={page.data?.nextOffset === undefined}
            onClick={() => page.data?.nextOffset !== undefined && setOffset(page.data.nextOffset)}
          >
            {t('surveys.results.next')}
          </Button>
        </Group>
      </QueryState>
    </Paper>
  );
}
