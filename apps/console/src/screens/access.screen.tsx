import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, ScrollArea, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { newIdempotencyKey } from '../api/commands';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/auth-provider';
import { mayAdministerAccess } from '../auth/principal';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { UserRef } from '../components/user-ref';
import { ForbiddenScreen } from './forbidden.screen';

const CATALOGUE = ['access', 'permissions'] as const;
const ROLES = ['access', 'roles'] as const;

interface RoleRow {
  readonly role: string;
  readonly permissions: readonly string[];
  readonly version: number;
  readonly isDefault: boolean;
}

/** A role's unsaved column: the permissions ticked, and the version of the role they were ticked on (its If-Match). */
interface Draft {
  readonly permissions: ReadonlySet<string>;
  readonly version: number;
}

/** The one box the API refuses to clear (422): AccessAdmin keeps `access.admin`, else nobody could give it back (ADR 0031). */
const isLocked = (role: string, permission: string): boolean => role === 'AccessAdmin' && permission === 'access.admin';

/**
 * AccessAdmin (ADR 0031): roles × permissions, grouped by resource, with each permission's
 * description in the user's language. A role's column is saved with the version its draft was
 * started on (If-Match); a stale role is told so and reloads alone — it never overwrites another
 * admin's change, and the other roles' unsaved columns stay. A column keeps one Idempotency-Key
 * until it is saved or changed, so a retry after a lost answer is the same save, not a conflict.
 */
export default function AccessScreen() {
  const { t, i18n } = useTranslation();
  const { principal } = useAuth();
  const queryClient = useQueryClient();
  const admin = mayAdministerAccess(principal);
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  // One key per role's draft: kept across retries of that draft, new once it is saved, changed or reloaded.
  const keys = useRef<Record<string, string>>({});
  const keyOf = (role: string): string => (keys.current[role] ??= newIdempotencyKey());
  const forgetKey = (role: string) => {
    delete keys.current[role];
  };
  const [history, setHistory] = useState<string | null>(null);
  const catalogue = useQuery({
    queryKey: CATALOGUE,
    queryFn: async ({ signal }) => (await call('GET', '/access/permissions', { signal })).data,
    enabled: admin,
  });
  const roles = useQuery({ queryKey: ROLES, queryFn: async ({ signal }) => (await call('GET', '/access/roles', { signal })).data, enabled: admin });
  const save = useMutation({
    mutationFn: async ({ role, draft }: { role: string; draft: Draft }) =>
      call('PUT', '/access/roles/{role}/permissions', {
        path: { role },
        body: { permissions: [...draft.permissions] },
        headers: { 'If-Match': `"${draft.version}"`, 'Idempotency-Key': keyOf(role) },
      }),
    onSuccess: (_, { role }) => {
      forgetKey(role);
      setDrafts(({ [role]: _saved, ...rest }) => rest);
      void queryClient.invalidateQueries({ queryKey: ROLES });
    },
  });
  const groups = useMemo(() => {
    const byResource = new Map<string, { permission: string; description: { ru: string; en: string } }[]>();
    for (const item of catalogue.data?.items ?? []) byResource.set(item.resource, [...(byResource.get(item.resource) ?? []), item]);
    return [...byResource.entries()];
  }, [catalogue.data]);
  if (!admin) return <ForbiddenScreen />;
  const rows: readonly RoleRow[] = roles.data?.items ?? [];
  const held = (row: RoleRow) => drafts[row.role]?.permissions ?? new Set(row.permissions);
  const toggle = (row: RoleRow, permission: string) => {
    if (isLocked(row.role, permission)) return;
    // Another column is another body: it must not reuse the key of a save that may have landed.
    forgetKey(row.role);
    setDrafts((current) => {
      const draft = current[row.role] ?? { permissions: new Set(row.permissions), version: row.version };
      const next = new Set(draft.permissions);
      if (next.has(permission)) next.delete(permission);
      else next.add(permission);
      return { ...current, [row.role]: { permissions: next, version: draft.version } };
    });
  };
  const changed = (row: RoleRow) => {
    const draft = drafts[row.role]?.permissions;
    return draft !== undefined && (draft.size !== row.permissions.length || row.permissions.some((p) => !draft.has(p)));
  };
  const stale = isApiError(save.error) && save.error.status === 409;
  const staleRole = stale ? save.variables?.role : undefined;
  // Only the stale role starts again from what is stored; the other roles' unsaved columns stay.
  const reload = () => {
    save.reset();
    if (staleRole !== undefined) {
      forgetKey(staleRole);
      setDrafts(({ [staleRole]: _stale, ...rest }) => rest);
    }
    void queryClient.invalidateQueries({ queryKey: ROLES });
  };
  return (
    <Stack>
      <Title order={2}>{t('access.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('access.intro')}
      </Text>
      {stale ? (
        <Alert color="red" title={t('conflict.title')} role="alert" data-testid="conflict">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('access.conflict', { role: staleRole ? t(`role.${staleRole}`) : '' })}</Text>
            <Button size="xs" onClick={reload}>
              {t('conflict.reload')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <ProblemAlert error={save.error} />
      )}
      <QueryState isLoading={catalogue.isLoading || roles.isLoading} error={catalogue.error ?? roles.error} retry={() => void roles.refetch()}>
        <Paper withBorder p="xs">
          <ScrollArea>
            <Table data-testid="access-matrix" stickyHeader withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('access.permission')}</Table.Th>
                  {rows.map((row) => (
                    <Table.Th scope="col" key={row.role} data-testid={`access-role-${row.role}`}>
                      <Stack gap={4} align="center">
                        <Text size="sm" fw={600}>
                          {t(`role.${row.role}`)}
                        </Text>
                        <Group gap={4} wrap="nowrap">
                          <Badge size="xs" color={row.isDefault ? 'gray' : 'blue'}>
                            {row.isDefault ? t('access.default') : t('access.version', { version: row.version })}
                          </Badge>
                        </Group>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            disabled={!changed(row) || save.isPending}
                            onClick={() => {
                              const draft = drafts[row.role];
                              if (draft) save.mutate({ role: row.role, draft });
                            }}
                            aria-label={t('access.saveRole', { role: t(`role.${row.role}`) })}
                          >
                            {t('access.save')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setHistory(row.role)}
                            aria-label={t('access.historyOf', { role: t(`role.${row.role}`) })}
                          >
                            {t('access.history')}
                          </Button>
                        </Group>
                      </Stack>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map(([resource, items]) => (
                  <Fragment key={resource}>
                    <Table.Tr>
                      <Table.Th scope="rowgroup" colSpan={rows.length + 1}>
                        {t(`access.resource.${resource}`, { defaultValue: resource })}
                      </Table.Th>
                    </Table.Tr>
                    {items.map((item) => (
                      <Table.Tr key={item.permission}>
                        <Table.Th scope="row" fw="normal">
                          <Text size="sm">{item.description[language]}</Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {item.permission}
                          </Text>
                        </Table.Th>
                        {rows.map((row) => {
                          const box = (
                            <Checkbox
                              styles={{ body: { justifyContent: 'center' } }}
                              aria-label={`${t(`role.${row.role}`)}: ${item.permission}`}
                              checked={held(row).has(item.permission)}
                              disabled={isLocked(row.role, item.permission)}
                              onChange={() => toggle(row, item.permission)}
                            />
                          );
                          return (
                            <Table.Td key={row.role} ta="center">
                              {isLocked(row.role, item.permission) ? (
                                // A disabled input gets no pointer events: the tooltip sits on its wrapper.
                                <Tooltip label={t('access.locked')} multiline w={260} withArrow>
                                  <div data-testid="access-locked" title={t('access.locked')}>
                                    {box}
                                  </div>
                                </Tooltip>
                              ) : (
                                box
                              )}
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      </QueryState>
      <Modal opened={history !== null} onClose={() => setHistory(null)} title={history ? t('access.historyOf', { role: t(`role.${history}`) }) : ''} size="lg">
        {history && <RoleHistory role={history} />}
      </Modal>
    </Stack>
  );
}

function RoleHistory({ role }: { role: string }) {
  const { t, i18n } = useTranslation();
  const changes = useQuery({
    queryKey: ['access', 'history', role],
    queryFn: async ({ signal }) => (await call('GET', '/access/roles/{role}/history', { path: { role }, signal })).data,
  });
  return (
    <QueryState isLoading={changes.isLoading} error={changes.error} retry={() => void changes.refetch()}>
      {(changes.data?.items ?? []).length === 0 ? (
        <Text size="sm">{t('access.noHistory')}</Text>
      ) : (
        <Table data-testid="access-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('access.when')}</Table.Th>
              <Table.Th scope="col">{t('access.by')}</Table.Th>
              <Table.Th scope="col">{t('access.granted')}</Table.Th>
              <Table.Th scope="col">{t('access.revoked')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(changes.data?.items ?? []).map((change) => (
              <Table.Tr key={change.version}>
                <Table.Td>{new Date(change.at).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>
                  <UserRef id={change.by} />
                </Table.Td>
                <Table.Td>{change.granted.join(', ') || '—'}</Table.Td>
                <Table.Td>{change.revoked.join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}
