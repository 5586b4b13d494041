import { Checkbox, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, incidentStates, listSorts, priorities, requestStates } from '../api/models';
import type { IncidentListFilters, IncidentState, ListSort, RequestListFilters, RequestState } from '../api/models';
import { useServices } from '../api/queries';
import { ClientSelect } from './client-select';
import { UserPicker, helpDeskOf, l3Engineers } from './user-picker';

const anyHelpDesk = helpDeskOf(null);

export type ListResource = 'requests' | 'incidents';
/** Either list's filters; each list sends only the ones it knows. */
export type ListFilters = Omit<RequestListFilters, 'state'> & Omit<IncidentListFilters, 'state'> & { state?: (RequestState | IncidentState)[] };

const specialAssignees = ['', 'me', 'none'];

/**
 * The list filters: state, channel, client, dates, text, service, assignee (anyone / me /
 * unassigned / someone picked from the user directory), SLA breached only, and the sort.
 */
export function QueueFilters({ resource, value, onChange }: { resource: ListResource; value: ListFilters; onChange: (next: ListFilters) => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const set = (patch: Partial<ListFilters>) => onChange({ ...value, ...patch });
  const states = resource === 'requests' ? requestStates : incidentStates;
  const [byUserId, setByUserId] = useState(() => !specialAssignees.includes(value.assignee ?? ''));
  const assigneeMode = byUserId ? 'user' : (value.assignee ?? '');
  return (
    <Stack gap="xs" component="section" aria-label={t('filters.title')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('filters.text')}
          placeholder={t('filters.textPlaceholder')}
          value={value.q ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value || undefined })}
          w={220}
        />
        <MultiSelect
          label={t('filters.state')}
          data={states.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          value={[...(value.state ?? [])]}
          onChange={(v) => set({ state: v.length ? (v as never) : undefined })}
          clearable
          w={260}
        />
        <MultiSelect
          label={t('priority.label')}
          data={priorities.map((p) => ({ value: p, label: `${p} · ${t(`priority.${p}`)}` }))}
          value={[...(value.priority ?? [])]}
          onChange={(v) => set({ priority: v.length ? (v as never) : undefined })}
          clearable
          w={200}
          data-testid="priority-filter"
        />
        {resource === 'requests' ? (
          <MultiSelect
            label={t('filters.channel')}
            data={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            value={[...(value.channel ?? [])]}
            onChange={(v) => set({ channel: v.length ? (v as never) : undefined })}
            clearable
            w={220}
          />
        ) : (
          <Select
            label={t('filters.service')}
            data={(services.data ?? []).map((s) => ({ value: String(s.code), label: `${s.code} · ${s.name}` }))}
            value={value.service ? String(value.service) : null}
            onChange={(v) => set({ service: v ? Number(v) : undefined })}
            clearable
            searchable
            w={240}
          />
        )}
        <ClientSelect label={t('filters.client')} value={value.clientId} onChange={(clientId) => set({ clientId })} />
        {resource === 'requests' && (
          <>
            <DatePickerInput
              label={t('filters.from')}
              value={value.from?.slice(0, 10) ?? null}
              onChange={(d) => set({ from: d ? new Date(`${d}T00:00:00`).toISOString() : undefined })}
              clearable
              w={150}
            />
            <DatePickerInput
              label={t('filters.to')}
              value={value.to?.slice(0, 10) ?? null}
              onChange={(d) => set({ to: d ? new Date(`${d}T00:00:00`).toISOString() : undefined })}
              clearable
              w={150}
            />
          </>
        )}
        <Select
          label={t('filters.sort')}
          data={listSorts.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
          value={value.sort ?? '-updatedAt'}
          onChange={(v) => set({ sort: (v ?? '-updatedAt') as ListSort })}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <Group align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="assignee-mode-label">
            {t('filters.assignee')}
          </Text>
          <SegmentedControl
            aria-labelledby="assignee-mode-label"
            value={assigneeMode}
            onChange={(mode) => {
              setByUserId(mode === 'user');
              set({ assignee: mode === 'user' ? undefined : mode || undefined });
            }}
            data={[
              { value: '', label: t('filters.anyone') },
              { value: 'me', label: t('filters.me') },
              { value: 'none', label: t('filters.unassigned') },
              { value: 'user', label: t('filters.user') },
            ]}
          />
        </Stack>
        {assigneeMode === 'user' && (
          <UserPicker
            label={t('filters.assignedTo')}
            value={value.assignee ?? null}
            onChange={(id) => set({ assignee: id ?? undefined })}
            candidates={resource === 'requests' ? anyHelpDesk : l3Engineers}
            w={320}
          />
        )}
        <Checkbox
          label={t('filters.slaBreached')}
          checked={value.breached === true}
          onChange={(e) => set({ breached: e.currentTarget.checked ? true : undefined })}
          mb={8}
        />
      </Group>
    </Stack>
  );
}
