import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { ApiKey, ApiKeyBody, IssuedApiKey } from '../api/models';
import { describeProblem } from '../api/problem';
import { useAuth } from '../auth/auth-provider';
import { mayManageApiKeys } from '../auth/principal';
import { EmptyState, QueryState } from '../components/query-state';
import { ForbiddenScreen } from './forbidden.screen';

const API_KEYS = ['api-keys'] as const;
const scopes: ApiKeyBody['scopes'] = ['communications:write', 'communications:read', 'webhooks:manage'];
const GRACE_SECONDS = 24 * 3600;
// i18next reads ':' as a namespace separator: the scope's key has '_' instead.
const scopeLabel = (scope: string) => `apiKeys.scope.${scope.replace(':', '_')}`;

/**
 * The public API's keys (ADR 0025), for CommunicationsAdmin: issue, rotate, revoke. A secret is
 * shown once, right after it is made, with a copy button; the API never shows it again.
 */
export default function ApiKeysScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const queryClient = useQueryClient();
  const allowed = mayManageApiKeys(principal);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const keys = useQuery({
    queryKey: API_KEYS,
    queryFn: async ({ signal }) => (await call('GET', '/api-keys', { signal })).data.items,
    enabled: allowed,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: API_KEYS });
  const rotate = useMutation({
    mutationFn: async ({ id, graceSeconds }: { id: string; graceSeconds: number }) =>
      (await call('POST', '/api-keys/{id}/rotate', { path: { id }, body: { graceSeconds } })).data,
    onSuccess: (answer) => {
      setIssued(answer);
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => (await call('POST', '/api-keys/{id}/revoke', { path: { id } })).data,
    onSuccess: refresh,
  });
  if (!allowed) return <ForbiddenScreen />;
  const items = keys.data ?? [];
  const failure = rotate.error ?? revoke.error;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('apiKeys.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('apiKeys.create')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('apiKeys.intro')}
      </Text>
      {failure && (
        <Alert color="red" title={describeProblem(failure, t).title}>
          {describeProblem(failure, t).message}
        </Alert>
      )}
      <QueryState isLoading={keys.isLoading} error={keys.error} retry={() => void keys.refetch()}>
        {items.length === 0 ? (
          <Paper withBorder p="md">
            <EmptyState>{t('apiKeys.empty')}</EmptyState>
          </Paper>
        ) : (
          <Paper withBorder p="md">
            <Table data-testid="api-keys" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('apiKeys.name')}</Table.Th>
                  <Table.Th scope="col">{t('apiKeys.scopes')}</Table.Th>
                  <Table.Th scope="col">{t('apiKeys.departments')}</Table.Th>
                  <Table.Th scope="col">{t('apiKeys.rateLimit')}</Table.Th>
                  <Table.Th scope="col">{t('apiKeys.status')}</Table.Th>
                  <Table.Th scope="col">{t('apiKeys.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((key) => (
                  <ApiKeyRow
                    key={key.id}
                    apiKey={key}
                    busy={rotate.isPending || revoke.isPending}
                    onRotate={(graceSeconds) => rotate.mutate({ id: key.id, graceSeconds })}
                    onRevoke={() => {
                      if (window.confirm(t('apiKeys.revokeConfirm', { name: key.name }))) revoke.mutate(key.id);
                    }}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryState>
      {creating && (
        <ApiKeyForm
          onClose={() => setCreating(false)}
          onIssued={(answer) => {
            setCreating(false);
            setIssued(answer);
            refresh();
          }}
        />
      )}
      {issued && <SecretOnce issued={issued} onClose={() => setIssued(null)} />}
    </Stack>
  );
}

function ApiKeyRow({ apiKey, busy, onRotate, onRevoke }: { apiKey: ApiKey; busy: boolean; onRotate: (graceSeconds: number) => void; onRevoke: () => void }) {
  const { t } = useTranslation();
  const active = apiKey.status === 'active';
  return (
    <Table.Tr data-testid="api-key-row">
      <Table.Td>
        <Text>{apiKey.name}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {apiKey.id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {apiKey.scopes.map((scope) => (
            <Badge key={scope} variant="light">
              {t(scopeLabel(scope))}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>{apiKey.departments.join(', ')}</Table.Td>
      <Table.Td>{t('apiKeys.perMinute', { count: apiKey.rateLimitPerMinute })}</Table.Td>
      <Table.Td>
        <Badge color={active ? 'green' : 'gray'}>{t(`apiKeys.state.${apiKey.status}`)}</Badge>
        {apiKey.previousSecretValidUntil && active && (
          <Text size="xs" c="dimmed">
            {t('apiKeys.graceUntil', { until: new Date(apiKey.previousSecretValidUntil).toLocaleString() })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {active && (
          <Group gap="xs">
            <Button size="xs" variant="light" disabled={busy} onClick={() => onRotate(0)}>
              {t('apiKeys.rotateNow')}
            </Button>
            <Button size="xs" variant="light" disabled={busy} onClick={() => onRotate(GRACE_SECONDS)}>
              {t('apiKeys.rotateWithGrace')}
            </Button>
            <Button size="xs" variant="light" color="red" disabled={busy} onClick={onRevoke}>
              {t('apiKeys.revoke')}
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ApiKeyForm({ onClose, onIssued }: { onClose: () => void; onIssued: (answer: IssuedApiKey) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ApiKeyBody['scopes']>(['communications:write', 'communications:read']);
  const [departments, setDepartments] = useState('');
  const [rateLimitPerMinute, setRateLimit] = useState<number>(60);
  const create = useMutation({
    mutationFn: async (body: ApiKeyBody) => (await call('POST', '/api-keys', { body })).data,
    onSuccess: onIssued,
  });
  const problem = create.error ? describeProblem(create.error, t) : undefined;
  return (
    <Modal opened onClose={onClose} title={t('apiKeys.create')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            name,
            scopes: chosen,
            departments: departments
              .split(',')
              .map((d) => d.trim())
              .filter(Boolean),
            rateLimitPerMinute,
          });
        }}
      >
        <Stack>
          <TextInput label={t('apiKeys.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <Checkbox.Group label={t('apiKeys.scopes')} value={chosen} onChange={(value) => setChosen(value as ApiKeyBody['scopes'])}>
            <Stack gap={4} mt={4}>
              {scopes.map((scope) => (
                <Checkbox key={scope} value={scope} label={t(scopeLabel(scope))} />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            label={t('apiKeys.departments')}
            description={t('apiKeys.departmentsHint')}
            value={departments}
            onChange={(e) => setDepartments(e.currentTarget.value)}
            required
          />
          <NumberInput
            label={t('apiKeys.rateLimit')}
            min={1}
            max={100_000}
            value={rateLimitPerMinute}
            onChange={(value) => setRateLimit(typeof value === 'number' ? value : 60)}
          />
          {problem && (
            <Alert color="red" title={problem.title} data-testid="api-key-problem">
              {problem.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('apiKeys.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('apiKeys.issue')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The one moment the secret exists outside the caller's hands: copy it now. */
function SecretOnce({ issued, onClose }: { issued: IssuedApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('apiKeys.secretTitle', { name: issued.key.name })} closeOnClickOutside={false}>
      <Stack>
        <Alert color="yellow">{t('apiKeys.secretOnce')}</Alert>
        <Text size="sm">{t('apiKeys.header')}</Text>
        <Code block data-testid="api-key-authorization">
          {issued.authorization}
        </Code>
        <Group justify="space-between">
          <CopyButton value={issued.authorization}>
            {({ copied, copy }) => (
              <Button color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            {t('apiKeys.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
