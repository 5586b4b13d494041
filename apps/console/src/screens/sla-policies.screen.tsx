import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { SlaPolicy } from '../api/models';
import { useAuth } from '../auth/auth-provider';
import { ProblemAlert } from '../components/problem-alert';
import { EmptyState, QueryState } from '../components/query-state';
import { SlaPolicyForm } from '../components/sla-policy-form';
import { ForbiddenScreen } from './forbidden.screen';

const SLA_POLICIES = ['sla-policies'] as const;

/** Managers: the SLA policies (calendars and targets per priority); create, edit and delete those they keep. */
export default function SlaPoliciesScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const queryClient = useQueryClient();
  const roles = principal?.roles ?? [];
  const manager = roles.includes('HelpDeskManager') || roles.includes('SL3Manager');
  const [editing, setEditing] = useState<{ policy?: SlaPolicy } | null>(null);
  const policies = useQuery({
    queryKey: SLA_POLICIES,
    queryFn: async ({ signal }) => (await call('GET', '/sla-policies', { signal })).data,
    enabled: manager,
  });
  const reload = () => void queryClient.invalidateQueries({ queryKey: SLA_POLICIES });
  const remove = useMutation({
    mutationFn: (policy: SlaPolicy) => call('DELETE', '/sla-policies/{id}', { path: { id: policy.id }, headers: { 'If-Match': `"${policy.version}"` } }),
    onSuccess: reload,
  });
  if (!manager) return <ForbiddenScreen />;
  const items = policies.data?.items ?? [];
  const departments = roles.includes('HelpDeskManager') ? (principal?.departments ?? []) : [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('sla.policies.title')}</Title>
        <Button onClick={() => setEditing({})}>{t('sla.policies.create')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('sla.policies.intro')}
      </Text>
      <ProblemAlert error={remove.error} />
      <QueryState isLoading={policies.isLoading} error={policies.error} retry={() => void policies.refetch()}>
        <Paper withBorder p="md">
          {items.length === 0 ? (
            <EmptyState>{t('sla.policies.empty')}</EmptyState>
          ) : (
            <Table data-testid="sla-policies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('sla.policies.name')}</Table.Th>
                  <Table.Th scope="col">{t('sla.policies.scope')}</Table.Th>
                  <Table.Th scope="col">{t('sla.policies.calendar')}</Table.Th>
                  <Table.Th scope="col">{t('sla.policies.targets')}</Table.Th>
                  <Table.Th scope="col">{t('sla.policies.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((policy) => (
                  <Table.Tr key={policy.id} data-testid="sla-policy-row">
                    <Table.Td>{policy.name}</Table.Td>
                    <Table.Td>
                      {policy.scope.kind === 'department'
                        ? t('sla.policies.scopeDepartment', { department: policy.scope.department })
                        : t('sla.policies.scopeService', { code: policy.scope.serviceCode })}
                    </Table.Td>
                    <Table.Td>
                      {policy.calendar.kind === '24x7'
                        ? t('sla.policies.calendar247')
                        : t('sla.policies.calendarHours', { timeZone: policy.calendar.timeZone })}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {(['P1', 'P2', 'P3', 'P4'] as const).map((p) => {
                          const target = policy.targets[p];
                          return target ? (
                            <Text key={p} size="sm">
                              {p}: {t('sla.policies.minutes', { first: target.firstResponseMinutes, resolution: target.resolutionMinutes })}
                            </Text>
                          ) : null;
                        })}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {policy.access === 'full' ? (
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="light" onClick={() => setEditing({ policy })}>
                            {t('sla.policies.edit')}
                          </Button>
                          <Button size="xs" variant="light" color="red" disabled={remove.isPending} onClick={() => remove.mutate(policy)}>
                            {t('sla.policies.delete')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('sla.policies.readOnly')}
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
        <SlaPolicyForm
          policy={editing.policy}
          departments={departments}
          mayKeepServices={roles.includes('SL3Manager')}
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
