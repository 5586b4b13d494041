import { Alert, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { newIdempotencyKey } from '../api/commands';
import type { Priority, SlaPolicy, SlaPolicyBody } from '../api/models';
import { isApiError } from '../api/problem';
import { ProblemAlert } from './problem-alert';

const priorities: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof weekdays)[number];

interface Values {
  name: string;
  kind: 'department' | 'service';
  department: string;
  serviceCode: number | string;
  calendar: '24x7' | 'working-hours';
  timeZone: string;
  hours: Record<Weekday, { on: boolean; from: string; to: string }>;
  holidays: string[];
  targets: Record<Priority, { first: number | string; resolution: number | string }>;
  escalate: boolean;
}

function valuesOf(policy: SlaPolicy | undefined, departments: readonly string[]): Values {
  const cal = policy?.calendar;
  const hours = Object.fromEntries(
    weekdays.map((d) => {
      const h = cal?.kind === 'working-hours' ? cal.hours[d] : undefined;
      const workday = !['sat', 'sun'].includes(d);
      return [d, { on: cal?.kind === 'working-hours' ? Boolean(h) : workday, from: h?.from ?? '09:00', to: h?.to ?? '18:00' }];
    }),
  ) as Values['hours'];
  const targets = Object.fromEntries(
    priorities.map((p) => [p, { first: policy?.targets[p]?.firstResponseMinutes ?? '', resolution: policy?.targets[p]?.resolutionMinutes ?? '' }]),
  ) as Values['targets'];
  return {
    name: policy?.name ?? '',
    kind: policy?.scope.kind ?? (departments.length ? 'department' : 'service'),
    department: policy?.scope.kind === 'department' ? policy.scope.department : (departments[0] ?? ''),
    serviceCode: policy?.scope.kind === 'service' ? policy.scope.serviceCode : '',
    calendar: cal?.kind ?? '24x7',
    timeZone: cal?.kind === 'working-hours' ? cal.timeZone : 'Europe/Moscow',
    hours,
    holidays: cal?.kind === 'working-hours' ? [...(cal.holidays ?? [])] : [],
    targets,
    escalate: policy?.escalateOnBreach ?? false,
  };
}

function bodyOf(v: Values): SlaPolicyBody {
  const targets: SlaPolicyBody['targets'] = {};
  for (const p of priorities) {
    const { first, resolution } = v.targets[p];
    if (first !== '' && resolution !== '') targets[p] = { firstResponseMinutes: Number(first), resolutionMinutes: Number(resolution) };
  }
  const hours: Partial<Record<Weekday, { from: string; to: string }>> = {};
  for (const d of weekdays) if (v.hours[d].on) hours[d] = { from: v.hours[d].from, to: v.hours[d].to };
  return {
    name: v.name.trim(),
    scope: v.kind === 'department' ? { kind: 'department', department: v.department } : { kind: 'service', serviceCode: Number(v.serviceCode) },
    calendar: v.calendar === '24x7' ? { kind: '24x7' } : { kind: 'working-hours', timeZone: v.timeZone.trim(), hours, holidays: v.holidays },
    targets,
    escalateOnBreach: v.escalate,
  };
}

/** Create an SLA policy (POST /sla-policies) or change one (PUT with the version seen as If-Match); the API's field errors land on the fields. */
export function SlaPolicyForm(props: {
  policy?: SlaPolicy;
  departments: readonly string[];
  mayKeepServices: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(props.policy, props.departments));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: async () => {
      const body = bodyOf(values);
      if (!props.policy) return call('POST', '/sla-policies', { body, headers: { 'Idempotency-Key': idempotencyKey } });
      return call('PUT', '/sla-policies/{id}', { path: { id: props.policy.id }, body, headers: { 'If-Match': `"${props.policy.version}"` } });
    },
    onSuccess: () => props.onSaved(),
  });
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const errorOf = (field: string) => Object.entries(errors).find(([f]) => f === field || f.startsWith(`${field}.`))?.[1];
  const stale = isApiError(save.error) && save.error.status === 409;
  const kinds = [
    ...(props.departments.length || values.kind === 'department' ? [{ value: 'department', label: t('sla.policies.kindDepartment') }] : []),
    ...(props.mayKeepServices || values.kind === 'service' ? [{ value: 'service', label: t('sla.policies.kindService') }] : []),
  ];
  return (
    <Modal opened onClose={props.onClose} title={props.policy ? t('sla.policies.edit') : t('sla.policies.create')} size="xl">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput label={t('sla.policies.name')} required value={values.name} error={errorOf('name')} onChange={(e) => set('name', e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('sla.policies.kind')}
              data={kinds}
              value={values.kind}
              onChange={(v) => set('kind', (v as Values['kind']) ?? 'department')}
              allowDeselect={false}
            />
            {values.kind === 'department' ? (
              <Select
                label={t('sla.policies.department')}
                data={[...new Set([...props.departments, values.department].filter(Boolean))]}
                value={values.department}
                error={errorOf('scope')}
                onChange={(v) => set('department', v ?? '')}
                allowDeselect={false}
              />
            ) : (
              <NumberInput
                label={t('sla.policies.service')}
                min={1}
                value={values.serviceCode}
                error={errorOf('scope')}
                onChange={(v) => set('serviceCode', v)}
              />
            )}
          </SimpleGrid>
          <SegmentedControl
            aria-label={t('sla.policies.calendarKind')}
            value={values.calendar}
            onChange={(v) => set('calendar', v as Values['calendar'])}
            data={[
              { value: '24x7', label: t('sla.policies.calendar247') },
              { value: 'working-hours', label: t('sla.policies.calendarHours', { timeZone: values.timeZone }) },
            ]}
          />
          {values.calendar === 'working-hours' && (
            <Stack gap="xs">
              <TextInput
                label={t('sla.policies.timeZone')}
                value={values.timeZone}
                error={errorOf('calendar.timeZone')}
                onChange={(e) => set('timeZone', e.currentTarget.value)}
              />
              {weekdays.map((d) => (
                <Group key={d} gap="xs" wrap="nowrap">
                  <Checkbox
                    w={70}
                    label={t(`sla.weekday.${d}`)}
                    checked={values.hours[d].on}
                    onChange={(e) => set('hours', { ...values.hours, [d]: { ...values.hours[d], on: e.currentTarget.checked } })}
                  />
                  {values.hours[d].on ? (
                    <>
                      <TextInput
                        aria-label={`${t(`sla.weekday.${d}`)} ${t('sla.policies.from')}`}
                        w={90}
                        value={values.hours[d].from}
                        onChange={(e) => set('hours', { ...values.hours, [d]: { ...values.hours[d], from: e.currentTarget.value } })}
                      />
                      <TextInput
                        aria-label={`${t(`sla.weekday.${d}`)} ${t('sla.policies.to')}`}
                        w={90}
                        value={values.hours[d].to}
                        onChange={(e) => set('hours', { ...values.hours, [d]: { ...values.hours[d], to: e.currentTarget.value } })}
                      />
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('sla.policies.dayOff')}
                    </Text>
                  )}
                </Group>
              ))}
              <TagsInput label={t('sla.policies.holidays')} value={values.holidays} error={errorOf('calendar.holidays')} onChange={(v) => set('holidays', v)} />
            </Stack>
          )}
          <Text fw={500}>{t('sla.policies.targets')}</Text>
          {priorities.map((p) => (
            <SimpleGrid key={p} cols={3} data-testid={`sla-targets-${p}`}>
              <Text size="sm">
                {p} · {t(`priority.${p}`)}
              </Text>
              <NumberInput
                aria-label={`${p} ${t('sla.policies.firstResponseMinutes')}`}
                placeholder={t('sla.policies.firstResponseMinutes')}
                min={1}
                value={values.targets[p].first}
                onChange={(v) => set('targets', { ...values.targets, [p]: { ...values.targets[p], first: v } })}
              />
              <NumberInput
                aria-label={`${p} ${t('sla.policies.resolutionMinutes')}`}
                placeholder={t('sla.policies.resolutionMinutes')}
                min={1}
                value={values.targets[p].resolution}
                onChange={(v) => set('targets', { ...values.targets, [p]: { ...values.targets[p], resolution: v } })}
              />
            </SimpleGrid>
          ))}
          <Checkbox label={t('sla.policies.escalate')} checked={values.escalate} onChange={(e) => set('escalate', e.currentTarget.checked)} />
          {Object.keys(errors).length > 0 && !stale && (
            <Alert color="red" role="alert">
              {Object.entries(errors)
                .map(([f, m]) => `${f}: ${m}`)
                .join('; ')}
            </Alert>
          )}
          {Object.keys(errors).length === 0 && !stale && <ProblemAlert error={save.error} />}
          {stale && (
            <Alert color="red" role="alert" title={t('conflict.title')} data-testid="conflict">
              {t('sla.policies.conflict')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
