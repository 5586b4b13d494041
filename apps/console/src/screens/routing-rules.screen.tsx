import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { RoutingRule } from '../api/models';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/auth-provider';
import { ProblemAlert } from '../components/problem-alert';
import { EmptyState, QueryState } from '../components/query-state';
import { RoutingRuleForm } from '../components/routing-rule-form';
import { ForbiddenScreen } from './forbidden.screen';

const ROUTING_RULES = ['routing-rules'] as const;

/** Help-desk managers: the routing rules in the order intake evaluates them; create, edit, move and delete their departments' rules. */
export default function RoutingRulesScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const queryClient = useQueryClient();
  const manager = Boolean(principal?.roles.includes('HelpDeskManager'));
  const [editing, setEditing] = useState<{ rule?: RoutingRule } | null>(null);
  const rules = useQuery({
    queryKey: ROUTING_RULES,
    queryFn: async ({ signal }) => {
      const answer = await call('GET', '/routing-rules', { signal });
      return { ...answer.data, etag: answer.etag ?? `"${answer.data.revision}"` };
    },
    enabled: manager,
  });
  const reload = () => void queryClient.invalidateQueries({ queryKey: ROUTING_RULES });
  const change = useMutation({
    mutationFn: async (action: { kind: 'move'; ids: string[] } | { kind: 'delete'; rule: RoutingRule }) => {
      if (action.kind === 'delete')
        return call('DELETE', '/routing-rules/{id}', { path: { id: action.rule.id }, headers: { 'If-Match': `"${action.rule.version}"` } });
      return call('PUT', '/routing-rules/order', { body: { ids: action.ids }, headers: { 'If-Match': rules.data?.etag ?? '*' } });
    },
    onSuccess: reload,
  });
  if (!manager) return <ForbiddenScreen />;
  const items = rules.data?.items ?? [];
  const move = (index: number, by: -1 | 1) => {
    const ids = items.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    change.mutate({ kind: 'move', ids });
  };
  const stale = isApiError(change.error) && change.error.status === 409;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('routing.title')}</Title>
        <Button onClick={() => setEditing({})}>{t('routing.create')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('routing.intro')}
      </Text>
      {stale ? (
        <Alert color="red" title={t('conflict.title')} role="alert" data-testid="conflict">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('routing.conflict')}</Text>
            <Button
              size="xs"
              onClick={() => {
                change.reset();
                reload();
              }}
            >
              {t('conflict.reload')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <ProblemAlert error={change.error} />
      )}
      <QueryState isLoading={rules.isLoading} error={rules.error} retry={() => void rules.refetch()}>
        <Paper withBorder p="md">
          {items.length === 0 ? (
            <EmptyState>{t('routing.empty')}</EmptyState>
          ) : (
            <Table data-testid="routing-rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">{t('routing.name')}</Table.Th>
                  <Table.Th scope="col">{t('routing.conditions')}</Table.Th>
                  <Table.Th scope="col">{t('routing.department')}</Table.Th>
                  <Table.Th scope="col">{t('priority.label')}</Table.Th>
                  <Table.Th scope="col">{t('routing.tags')}</Table.Th>
                  <Table.Th scope="col">{t('routing.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((rule, index) => (
                  <Table.Tr key={rule.id} data-testid="routing-rule-row">
                    <Table.Td>{index + 1}</Table.Td>
                    <Table.Td>
                      {rule.name} {!rule.enabled && <Badge color="gray">{t('routing.disabled')}</Badge>}
                    </Table.Td>
                    <Table.Td>
                      <ConditionsSummary rule={rule} />
                    </Table.Td>
                    <Table.Td>{rule.outcome.department}</Table.Td>
                    <Table.Td>{rule.outcome.priority ? t(`priority.${rule.outcome.priority}`) : '—'}</Table.Td>
                    <Table.Td>{rule.outcome.tags?.join(', ') || '—'}</Table.Td>
                    <Table.Td>
                      {rule.access === 'full' ? (
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('routing.moveUp', { name: rule.name })}
                            disabled={index === 0 || change.isPending}
                            onClick={() => move(index, -1)}
                          >
                            ↑
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('routing.moveDown', { name: rule.name })}
                            disabled={index === items.length - 1 || change.isPending}
                            onClick={() => move(index, 1)}
                          >
                            ↓
                          </ActionIcon>
                          <Button size="xs" variant="light" onClick={() => setEditing({ rule })}>
                            {t('routing.editShort')}
                          </Button>
                          <Button size="xs" variant="light" color="red" disabled={change.isPending} onClick={() => change.mutate({ kind: 'delete', rule })}>
                            {t('routing.delete')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('routing.readOnly')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </QueryState>
      {editing && (
        <RoutingRuleForm
          opened
          rule={editing.rule}
          departments={principal?.departments ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Stack>
  );
}

function ConditionsSummary({ rule }: { rule: RoutingRule }) {
  const { t } = useTranslation();
  const c = rule.conditions;
  const parts = [
    c.channels?.length ? `${t('routing.channels')}: ${c.channels.map((ch) => t(`channel.${ch}`)).join(', ')}` : '',
    c.recipients?.length ? `${t('routing.recipients')}: ${c.recipients.join(', ')}` : '',
    c.esbSources?.length ? `${t('routing.esbSources')}: ${c.esbSources.join(', ')}` : '',
    c.clientKinds?.length ? `${t('routing.clientKinds')}: ${c.clientKinds.map((k) => t(`routing.clientKind.${k}`)).join(', ')}` : '',
    c.clientInns?.length ? `${t('routing.clientInns')}: ${c.clientInns.join(', ')}` : '',
    c.clientTags?.length ? `${t('routing.clientTags')}: ${c.clientTags.join(', ')}` : '',
    c.keywords?.length ? `${t('routing.keywords')}: ${c.keywords.join(', ')}` : '',
    c.pattern ? `${t('routing.pattern')}: /${c.pattern}/` : '',
  ].filter(Boolean);
  return <Text size="sm">{parts.length ? parts.join(' · ') : t('routing.matchesAll')}</Text>;
}
