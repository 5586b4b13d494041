import { Badge, Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { newIdempotencyKey } from '../api/commands';
import { communicationChannelCodes, communicationKeys, useCommunicationChannels, useCommunicationTypes, useDepartmentPolicies } from '../api/communications';
import type { CommunicationChannelCode, CommunicationTypeEntry, RateLimitBody } from '../api/communications';
import { useAuth } from '../auth/auth-provider';
import { notifyDone } from '../components/notify';
import { ProblemAlert } from '../components/problem-alert';
import { EmptyState, QueryState } from '../components/query-state';
import { SurveySettingSection } from '../components/survey-setting-section';
import { ForbiddenScreen } from './forbidden.screen';

/**
 * Communication settings: the reference data (types and channels, active or blocked) for
 * CommunicationsAdmin, and each department's preferred channels per type and rate limits for its
 * managers (CommunicationsAdmin: any department).
 */
export default function CommunicationSettingsScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const admin = Boolean(principal?.roles.includes('CommunicationsAdmin'));
  const managed = principal?.roles.includes('HelpDeskManager') ? principal.departments : [];
  const [department, setDepartment] = useState<string>(managed[0] ?? '');
  if (!admin && managed.length === 0) return <ForbiddenScreen />;
  return (
    <Stack>
      <Title order={2}>{t('communicationSettings.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('communicationSettings.intro')}
      </Text>
      <ReferenceData editable={admin} />
      <Paper withBorder p="md" component="section" aria-labelledby="department-policies-title">
        <Title order={3} size="h4" id="department-policies-title" mb="sm">
          {t('communicationSettings.departmentPolicies')}
        </Title>
        {admin ? (
          <TextInput
            label={t('communications.department')}
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value.trim())}
            w={300}
            data-testid="policies-department"
          />
        ) : (
          <Select
            label={t('communications.department')}
            data={managed}
            value={department}
            onChange={(v) => setDepartment(v ?? '')}
            allowDeselect={false}
            w={300}
          />
        )}
        {department && <DepartmentPolicies key={department} department={department} />}
        {department && <SurveySettingSection key={`survey-${department}`} department={department} />}
      </Paper>
    </Stack>
  );
}

function ReferenceData({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const types = useCommunicationTypes();
  const channels = useCommunicationChannels();
  const toggleType = useMutation({
    mutationFn: async (type: CommunicationTypeEntry) =>
      call('PUT', '/communication-types/{code}', {
        path: { code: type.code },
        body: { name: type.name, marketing: type.marketing, heldInQuietHours: type.heldInQuietHours, status: type.status === 'active' ? 'blocked' : 'active' },
        headers: { 'If-Match': `"${type.version}"` },
      }),
    onSuccess: () => {
      notifyDone(t, 'saveCommunicationSettings');
      void queryClient.invalidateQueries({ queryKey: communicationKeys.types });
    },
  });
  const toggleChannel = useMutation({
    mutationFn: async (channel: { code: CommunicationChannelCode; name: string; status: 'active' | 'blocked'; version: number }) =>
      call('PUT', '/communication-channels/{code}', {
        path: { code: channel.code },
        body: { name: channel.name, status: channel.status === 'active' ? 'blocked' : 'active' },
        headers: { 'If-Match': `"${channel.version}"` },
      }),
    onSuccess: () => {
      notifyDone(t, 'saveCommunicationSettings');
      void queryClient.invalidateQueries({ queryKey: communicationKeys.channels });
    },
  });
  const statusBadge = (status: 'active' | 'blocked') => (
    <Badge color={status === 'active' ? 'teal' : 'gray'} variant="filled">
      {t(`communicationSettings.${status}`)}
    </Badge>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reference-data-title">
      <Title order={3} size="h4" id="reference-data-title" mb="sm">
        {t('communicationSettings.referenceData')}
      </Title>
      <ProblemAlert error={toggleType.error ?? toggleChannel.error} />
      <QueryState isLoading={types.isLoading || channels.isLoading} error={types.error ?? channels.error}>
        <Table fz="sm" data-testid="communication-types">
          <Table.Caption>{t('communicationSettings.types')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('communications.type')}</Table.Th>
              <Table.Th scope="col">{t('communicationSettings.marketing')}</Table.Th>
              <Table.Th scope="col">{t('communicationSettings.heldInQuietHours')}</Table.Th>
              <Table.Th scope="col">{t('communications.statusLabel')}</Table.Th>
              {editable && <Table.Th scope="col">{t('communicationSettings.change')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(types.data ?? []).map((type) => (
              <Table.Tr key={type.code} data-type={type.code}>
                <Table.Td>{t(`communications.types.${type.code}`, { defaultValue: type.name })}</Table.Td>
                <Table.Td>{type.marketing ? t('communicationSettings.yes') : t('communicationSettings.no')}</Table.Td>
                <Table.Td>{type.heldInQuietHours ? t('communicationSettings.yes') : t('communicationSettings.no')}</Table.Td>
                <Table.Td>{statusBadge(type.status)}</Table.Td>
                {editable && (
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => toggleType.mutate(type)}>
                      {type.status === 'active' ? t('communicationSettings.block') : t('communicationSettings.activate')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table fz="sm" mt="md" data-testid="communication-channels">
          <Table.Caption>{t('communicationSettings.channels')}</Table.Caption>
          <Table.Tbody>
            {(channels.data ?? []).map((channel) => (
              <Table.Tr key={channel.code} data-channel={channel.code}>
                <Table.Td>{t(`communications.channels.${channel.code}`)}</Table.Td>
                <Table.Td>{statusBadge(channel.status)}</Table.Td>
                {editable && (
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => toggleChannel.mutate(channel)}>
                      {channel.status === 'active' ? t('communicationSettings.block') : t('communicationSettings.activate')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Paper>
  );
}

function DepartmentPolicies({ department }: { department: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const policies = useDepartmentPolicies(department);
  const types = useCommunicationTypes();
  const [type, setType] = useState<string>('personal');
  const [preferred, setPreferred] = useState<string[] | null>(null);
  const [limit, setLimit] = useState<RateLimitBody>({ limit: 3, unit: 'hour', units: 1, overLimit: 'book' });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: communicationKeys.policies(department) });
  const current = policies.data?.preferences.find((p) => p.communicationType === type);
  const channelsShown = preferred ?? current?.channels ?? [];
  const savePreference = useMutation({
    mutationFn: async () =>
      call('PUT', '/departments/{department}/communication-preferences/{type}', {
        path: { department, type },
        body: { channels: channelsShown as CommunicationChannelCode[] },
        headers: { 'If-Match': `"${current?.version ?? 0}"` },
      }),
    onSuccess: () => {
      notifyDone(t, 'saveCommunicationSettings');
      setPreferred(null);
      refresh();
    },
  });
  const addLimit = useMutation({
    mutationFn: async () =>
      call('POST', '/departments/{department}/communication-rate-limits', {
        path: { department },
        body: limit,
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }),
    onSuccess: () => {
      notifyDone(t, 'saveCommunicationSettings');
      refresh();
    },
  });
  const removeLimit = useMutation({
    mutationFn: async (l: { id: string; version: number }) =>
      call('DELETE', '/departments/{department}/communication-rate-limits/{id}', { path: { department, id: l.id }, headers: { 'If-Match': `"${l.version}"` } }),
    onSuccess: refresh,
  });
  const writable = policies.data?.access === 'full';
  return (
    <QueryState isLoading={policies.isLoading} error={policies.error} retry={() => void policies.refetch()}>
      <Stack mt="md" data-testid="department-policies">
        <ProblemAlert error={savePreference.error ?? addLimit.error ?? removeLimit.error} />
        <Title order={4} size="h5">
          {t('communicationSettings.preferences')}
        </Title>
        <Group align="flex-end">
          <Select
            label={t('communications.type')}
            data={(types.data ?? []).map((ty) => ({ value: ty.code, label: t(`communications.types.${ty.code}`, { defaultValue: ty.name }) }))}
            value={type}
            onChange={(v) => {
              setType(v ?? 'personal');
              setPreferred(null);
            }}
            allowDeselect={false}
            w={240}
          />
          <MultiSelect
            label={t('communicationSettings.channelOrder')}
            description={t('communicationSettings.channelOrderHint')}
            data={communicationChannelCodes.map((c) => ({ value: c, label: t(`communications.channels.${c}`) }))}
            value={channelsShown}
            onChange={setPreferred}
            disabled={!writable}
            w={420}
            data-testid="preference-channels"
          />
          {writable && (
            <Button
              onClick={() => savePreference.mutate()}
              disabled={channelsShown.length === 0}
              loading={savePreference.isPending}
              data-testid="preference-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Group>
        <Title order={4} size="h5">
          {t('communicationSettings.rateLimits')}
        </Title>
        {(policies.data?.rateLimits ?? []).length === 0 ? (
          <EmptyState>{t('communicationSettings.noLimits')}</EmptyState>
        ) : (
          <Table fz="sm" data-testid="rate-limits">
            <Table.Tbody>
              {(policies.data?.rateLimits ?? []).map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    {t('communicationSettings.limitLine', { limit: l.limit, units: l.units, unit: t(`communicationSettings.units.${l.unit}`) })}
                  </Table.Td>
                  <Table.Td>{l.types?.length ? l.types.join(', ') : t('communicationSettings.allTypes')}</Table.Td>
                  <Table.Td>{t(`communicationSettings.overLimit.${l.overLimit}`)}</Table.Td>
                  {writable && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" onClick={() => removeLimit.mutate(l)}>
                        {t('communicationSettings.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {writable && (
          <Group align="flex-end">
            <NumberInput
              label={t('communicationSettings.limit')}
              value={limit.limit}
              min={1}
              max={10_000}
              allowDecimal={false}
              onChange={(v) => setLimit({ ...limit, limit: Number(v) || 1 })}
              w={120}
            />
            <NumberInput
              label={t('communicationSettings.unitsCount')}
              value={limit.units}
              min={1}
              max={10_000}
              allowDecimal={false}
              onChange={(v) => setLimit({ ...limit, units: Number(v) || 1 })}
              w={120}
            />
            <Select
              label={t('communicationSettings.unit')}
              data={(['second', 'minute', 'hour', 'day'] as const).map((u) => ({ value: u, label: t(`communicationSettings.units.${u}`) }))}
              value={limit.unit}
              onChange={(v) => setLimit({ ...limit, unit: (v ?? 'hour') as RateLimitBody['unit'] })}
              allowDeselect={false}
              w={140}
            />
            <Select
              label={t('communicationSettings.overLimitLabel')}
              data={(['book', 'refuse'] as const).map((o) => ({ value: o, label: t(`communicationSettings.overLimit.${o}`) }))}
              value={limit.overLimit ?? 'book'}
              onChange={(v) => setLimit({ ...limit, overLimit: (v ?? 'book') as 'book' | 'refuse' })}
              allowDeselect={false}
              w={200}
            />
            <Button onClick={() => addLimit.mutate()} loading={addLimit.isPending} data-testid="rate-limit-add">
              {t('communicationSettings.addLimit')}
            </Button>
          </Group>
        )}
      </Stack>
    </QueryState>
  );
}
