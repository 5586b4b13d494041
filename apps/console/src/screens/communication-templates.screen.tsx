import { Alert, Badge, Button, Grid, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { CommunicationTemplate, TemplateLanguage } from '../api/models';
import { describeProblem } from '../api/problem';
import { useAuth } from '../auth/auth-provider';
import { mayAdministerTemplates } from '../auth/principal';
import { CommunicationTemplateForm } from '../components/communication-template-form';
import { EmptyState, QueryState } from '../components/query-state';
import { ForbiddenScreen } from './forbidden.screen';

const TEMPLATES = ['communication-templates'] as const;

/** Communication templates: the list, create and edit, and a live preview in Russian or English with the variables filled in. */
export default function CommunicationTemplatesScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const queryClient = useQueryClient();
  const allowed = mayAdministerTemplates(principal);
  const [editing, setEditing] = useState<{ template?: CommunicationTemplate } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const templates = useQuery({
    queryKey: TEMPLATES,
    queryFn: async ({ signal }) => (await call('GET', '/communication-templates', { signal })).data,
    enabled: allowed,
  });
  if (!allowed) return <ForbiddenScreen />;
  const items = templates.data?.items ?? [];
  const selected = items.find((item) => item.id === selectedId) ?? items[0];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('templates.title')}</Title>
        <Button onClick={() => setEditing({})}>{t('templates.create')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('templates.intro', { example: '{{name}}' })}
      </Text>
      <QueryState isLoading={templates.isLoading} error={templates.error} retry={() => void templates.refetch()}>
        {items.length === 0 ? (
          <Paper withBorder p="md">
            <EmptyState>{t('templates.empty')}</EmptyState>
          </Paper>
        ) : (
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Paper withBorder p="md">
                <Table data-testid="communication-templates" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('templates.name')}</Table.Th>
                      <Table.Th scope="col">{t('templates.type')}</Table.Th>
                      <Table.Th scope="col">{t('templates.languages')}</Table.Th>
                      <Table.Th scope="col">{t('templates.variables')}</Table.Th>
                      <Table.Th scope="col">{t('templates.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((template) => (
                      <Table.Tr key={template.id} data-testid="communication-template-row" aria-selected={template.id === selected?.id}>
                        <Table.Td>
                          <Button variant="subtle" size="compact-sm" onClick={() => setSelectedId(template.id)}>
                            {template.name}
                          </Button>
                          <Text size="xs" c="dimmed">
                            {template.id}
                          </Text>
                        </Table.Td>
                        <Table.Td>{t(`templates.types.${template.communicationType}`, { defaultValue: template.communicationType })}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {(['ru', 'en'] as const)
                              .filter((language) => template.bodies[language] !== undefined)
                              .map((language) => (
                                <Badge key={language} variant="light">
                                  {language}
                                </Badge>
                              ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>{template.variables.join(', ') || '—'}</Table.Td>
                        <Table.Td>
                          <Button size="xs" variant="light" onClick={() => setEditing({ template })}>
                            {t('templates.editShort')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>{selected && <TemplatePreview key={`${selected.id}:${selected.version}`} template={selected} />}</Grid.Col>
          </Grid>
        )}
      </QueryState>
      {editing && (
        <CommunicationTemplateForm
          template={editing.template}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setSelectedId(id);
            void queryClient.invalidateQueries({ queryKey: TEMPLATES });
          }}
        />
      )}
    </Stack>
  );
}

/** The text a client would get, rendered by the API as the values are typed (POST /communication-templates/:id/preview). */
function TemplatePreview({ template }: { template: CommunicationTemplate }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<TemplateLanguage>('ru');
  const [variables, setVariables] = useState<Record<string, string>>(() => Object.fromEntries(template.variables.map((name) => [name, ''])));
  const filled = Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== ''));
  const preview = useQuery({
    queryKey: ['communication-template-preview', template.id, template.version, language, filled],
    queryFn: async ({ signal }) =>
      (await call('POST', '/communication-templates/{id}/preview', { path: { id: template.id }, body: { language, variables: filled }, signal })).data,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const problem = preview.error ? describeProblem(preview.error, t) : undefined;
  return (
    <Paper withBorder p="md" data-testid="template-preview">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('templates.preview')}
          </Title>
          <SegmentedControl
            aria-label={t('templates.previewLanguage')}
            value={language}
            onChange={(value) => setLanguage(value as TemplateLanguage)}
            data={[
              { value: 'ru', label: t('templates.language.ru') },
              { value: 'en', label: t('templates.language.en') },
            ]}
          />
        </Group>
        {template.variables.map((name) => (
          <TextInput
            key={name}
            label={name}
            value={variables[name] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setVariables((v) => ({ ...v, [name]: value }));
            }}
            autoComplete="off"
          />
        ))}
        {problem ? (
          <Alert color="red" title={problem.title} role="status" data-testid="template-preview-problem">
            {problem.message}
          </Alert>
        ) : (
          preview.data && (
            <Stack gap={4}>
              {preview.data.fellBack && (
                <Text size="xs" c="dimmed">
                  {t('templates.fellBack', { language: t(`templates.language.${preview.data.language}`) })}
                </Text>
              )}
              <Text data-testid="template-preview-text" style={{ whiteSpace: 'pre-wrap' }}>
                {preview.data.text}
              </Text>
            </Stack>
          )
        )}
      </Stack>
    </Paper>
  );
}
