import { Alert, Badge, Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { AutoAssignmentMode, AutoAssignmentSettings } from '../api/models';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/auth-provider';
import { notifyDone } from '../components/notify';
import { PresenceBadge } from '../components/presence-badge';
import { ProblemAlert } from '../components/problem-alert';
import { EmptyState, QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { ForbiddenScreen } from './forbidden.screen';

const AUTO_ASSIGNMENT = ['auto-assignment'] as const;
const modes: readonly AutoAssignmentMode[] = ['off', 'round-robin', 'least-loaded'];

/** Managers: automatic assignment of each department (requests) and work group (incidents) they manage: mode, limit, skills. */
export default function AutoAssignmentScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const manager = Boolean(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'SL3Manager'));
  const settings = useQuery({
    queryKey: AUTO_ASSIGNMENT,
    queryFn: async ({ signal }) => (await call('GET', '/auto-assignment', { signal })).data,
    enabled: manager,
  });
  if (!manager) return <ForbiddenScreen />;
  const items = settings.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('autoAssignment.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('autoAssignment.intro')}
      </Text>
      <QueryState isLoading={settings.isLoading} error={settings.error} retry={() => void settings.refetch()}>
        {items.length === 0 ? (
          <EmptyState>{t('autoAssignment.empty')}</EmptyState>
        ) : (
          items.map((item) => <ScopeSettings key={`${item.scope.kind}:${item.scope.key}:${item.version}`} settings={item} />)
        )}
      </QueryState>
    </Stack>
  );
}

/** One department or work group: its mode, per-operator limit, skills (work groups) and team with presence. */
function ScopeSettings({ settings }: { settings: AutoAssignmentSettings }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<AutoAssignmentMode>(settings.mode);
  const [limit, setLimit] = useState<number | ''>(settings.maxOpenPerOperator ?? '');
  const [skills, setSkills] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(Object.entries(settings.skills).map(([id, codes]) => [id, codes.map(String)])),
  );
  const isGroup = settings.scope.kind === 'work-group';
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        mode,
        maxOpenPerOperator: limit === '' ? null : limit,
        ...(isGroup ? { skills: Object.fromEntries(Object.entries(skills).map(([id, codes]) => [id, codes.map(Number)])) } : {}),
      };
      const headers = { 'If-Match': `"${settings.version}"` };
      return isGroup
        ? call('PUT', '/auto-assignment/work-groups/{code}', { path: { code: settings.scope.key }, body, headers })
        : call('PUT', '/auto-assignment/departments/{department}', { path: { department: settings.scope.key }, body, headers });
    },
    onSuccess: () => {
      notifyDone(t, 'saveAutoAssignment');
      void queryClient.invalidateQueries({ queryKey: AUTO_ASSIGNMENT });
    },
  });
  const stale = isApiError(save.error) && save.error.status === 409;
  const titleId = `auto-assignment-${settings.scope.kind}-${settings.scope.key}`;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={titleId}
      data-testid="auto-assignment-scope"
      data-scope={`${settings.scope.kind}:${settings.scope.key}`}
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={titleId}>
            {t(isGroup ? 'autoAssignment.workGroup' : 'autoAssignment.department', { name: settings.scope.name })}
          </Title>
          {settings.updatedAt && (
            <Text size="xs" c="dimmed">
              {t('autoAssignment.updated', { at: f.dateTime(settings.updatedAt) })}
            </Text>
          )}
        </Group>
        <div>
          <Text size="sm" fw={500} id={`${titleId}-mode`} mb={4}>
            {t('autoAssignment.mode')}
          </Text>
          <SegmentedControl
            aria-labelledby={`${titleId}-mode`}
            data-testid="auto-assignment-mode"
            value={mode}
            onChange={(value) => setMode(value as AutoAssignmentMode)}
            data={modes.map((m) => ({ value: m, label: t(`autoAssignment.modes.${m}`) }))}
          />
        </div>
        <NumberInput
          label={t('autoAssignment.limit')}
          description={t('autoAssignment.limitHint')}
          value={limit}
          onChange={(value) => setLimit(typeof value === 'number' ? value : '')}
          min={1}
          max={1000}
          allowDecimal={false}
          w={260}
          data-testid="auto-assignment-limit"
        />
        {settings.team.length === 0 ? (
          <EmptyState>{t('autoAssignment.noTeam')}</EmptyState>
        ) : (
          <Table data-testid="auto-assignment-team">
            <Table.Caption>{t(isGroup ? 'autoAssignment.teamEngineers' : 'autoAssignment.teamOperators')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('autoAssignment.member')}</Table.Th>
                <Table.Th scope="col">{t('presence.label')}</Table.Th>
                <Table.Th scope="col">{t('autoAssignment.openItems')}</Table.Th>
                {isGroup && <Table.Th scope="col">{t('autoAssignment.skills')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {settings.team.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>{member.name}</Table.Td>
                  <Table.Td>
                    <PresenceBadge status={member.presence} />
                  </Table.Td>
                  <Table.Td>{f.number(member.openItems)}</Table.Td>
                  {isGroup && (
                    <Table.Td>
                      <MultiSelect
                        aria-label={t('autoAssignment.skillsOf', { name: member.name })}
                        placeholder={t('autoAssignment.anyService')}
                        data={settings.services.map((s) => ({ value: String(s.code), label: `${s.code} · ${s.name}` }))}
                        value={skills[member.id] ?? []}
                        onChange={(codes) => setSkills((current) => ({ ...current, [member.id]: codes }))}
                        clearable
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {isGroup && (
          <Text size="xs" c="dimmed">
            {t('autoAssignment.skillsHint')}
          </Text>
        )}
        {stale ? (
          <Alert color="red" title={t('conflict.title')} role="alert" data-testid="conflict">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t('autoAssignment.conflict')}</Text>
              <Button size="xs" onClick={() => void queryClient.invalidateQueries({ queryKey: AUTO_ASSIGNMENT })}>
                {t('conflict.reload')}
              </Button>
            </Group>
          </Alert>
        ) : (
          <ProblemAlert error={save.error} />
        )}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="auto-assignment-save">
            {t('autoAssignment.save')}
          </Button>
          <Badge variant="filled" color={settings.mode === 'off' ? 'gray' : 'teal'}>
            {t(`autoAssignment.modes.${settings.mode}`)}
          </Badge>
        </Group>
      </Stack>
    </Paper>
  );
}
