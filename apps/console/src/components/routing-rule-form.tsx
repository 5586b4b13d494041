import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { newIdempotencyKey } from '../api/commands';
import { clientKinds } from '../api/models';
import type { Channel, ClientKind, Priority, RoutingRule, RoutingRuleBody } from '../api/models';
import { isApiError } from '../api/problem';
import { ProblemAlert } from './problem-alert';

const routedChannels: readonly Channel[] = ['telegram', 'sms', 'esb', 'phone'];
const priorities: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

interface Values {
  name: string;
  enabled: boolean;
  channels: string[];
  recipients: string[];
  esbSources: string[];
  clientKinds: string[];
  clientInns: string[];
  clientTags: string[];
  keywords: string[];
  pattern: string;
  department: string;
  priority: string | null;
  tags: string[];
}

const valuesOf = (rule: RoutingRule | undefined, departments: readonly string[]): Values => ({
  name: rule?.name ?? '',
  enabled: rule?.enabled ?? true,
  channels: [...(rule?.conditions.channels ?? [])],
  recipients: [...(rule?.conditions.recipients ?? [])],
  esbSources: [...(rule?.conditions.esbSources ?? [])],
  clientKinds: [...(rule?.conditions.clientKinds ?? [])],
  clientInns: [...(rule?.conditions.clientInns ?? [])],
  clientTags: [...(rule?.conditions.clientTags ?? [])],
  keywords: [...(rule?.conditions.keywords ?? [])],
  pattern: rule?.conditions.pattern ?? '',
  department: rule?.outcome.department ?? departments[0] ?? '',
  priority: rule?.outcome.priority ?? null,
  tags: [...(rule?.outcome.tags ?? [])],
});

/**
 * Create a routing rule (POST /routing-rules) or change one (PUT /routing-rules/:id with the
 * version seen as If-Match). The API's problem+json errors land on their fields.
 */
export function RoutingRuleForm(props: { opened: boolean; rule?: RoutingRule; departments: readonly string[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(props.rule, props.departments));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: async () => {
      const body: RoutingRuleBody = {
        name: values.name.trim(),
        enabled: values.enabled,
        conditions: {
          channels: values.channels as Channel[],
          recipients: values.recipients,
          esbSources: values.esbSources,
          clientKinds: values.clientKinds as ClientKind[],
          clientInns: values.clientInns,
          clientTags: values.clientTags,
          keywords: values.keywords,
          ...(values.pattern ? { pattern: values.pattern } : {}),
        },
        outcome: { department: values.department, ...(values.priority ? { priority: values.priority as Priority } : {}), tags: values.tags },
      };
      if (!props.rule) return call('POST', '/routing-rules', { body, headers: { 'Idempotency-Key': idempotencyKey } });
      return call('PUT', '/routing-rules/{id}', { path: { id: props.rule.id }, body, headers: { 'If-Match': `"${props.rule.version}"` } });
    },
    onSuccess: () => props.onSaved(),
  });
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const errorOf = (field: string) => Object.entries(errors).find(([f]) => f === field || f.startsWith(`${field}.`))?.[1];
  const stale = isApiError(save.error) && save.error.status === 409;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.rule ? t('routing.edit') : t('routing.create')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('routing.name')}
            required
            value={values.name}
            error={errorOf('name')}
            onChange={(e) => set('name', e.currentTarget.value)}
            autoComplete="off"
          />
          <Checkbox label={t('routing.enabled')} checked={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('routing.channels')}
              data={routedChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              value={values.channels}
              error={errorOf('conditions.channels')}
              onChange={(v) => set('channels', v)}
              clearable
            />
            <TagsInput
              label={t('routing.recipients')}
              description={t('routing.recipientsHint')}
              value={values.recipients}
              error={errorOf('conditions.recipients')}
              onChange={(v) => set('recipients', v)}
            />
            <TagsInput
              label={t('routing.esbSources')}
              value={values.esbSources}
              error={errorOf('conditions.esbSources')}
              onChange={(v) => set('esbSources', v)}
            />
            <MultiSelect
              label={t('routing.clientKinds')}
              data={clientKinds.map((k) => ({ value: k, label: t(`routing.clientKind.${k}`) }))}
              value={values.clientKinds}
              error={errorOf('conditions.clientKinds')}
              onChange={(v) => set('clientKinds', v)}
              clearable
            />
            <TagsInput
              label={t('routing.clientInns')}
              description={t('routing.clientInnsHint')}
              value={values.clientInns}
              error={errorOf('conditions.clientInns')}
              onChange={(v) => set('clientInns', v)}
            />
            <TagsInput
              label={t('routing.clientTags')}
              description={t('routing.clientTagsHint')}
              value={values.clientTags}
              error={errorOf('conditions.clientTags')}
              onChange={(v) => set('clientTags', v)}
            />
            <TagsInput
              label={t('routing.keywords')}
              description={t('routing.keywordsHint')}
              value={values.keywords}
              error={errorOf('conditions.keywords')}
              onChange={(v) => set('keywords', v)}
            />
          </SimpleGrid>
          <TextInput
            label={t('routing.pattern')}
            description={t('routing.patternHint')}
            value={values.pattern}
            error={errorOf('conditions.pattern')}
            onChange={(e) => set('pattern', e.currentTarget.value)}
            autoComplete="off"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('routing.department')}
              required
              data={[...new Set([...props.departments, values.department].filter(Boolean))]}
              value={values.department}
              error={errorOf('outcome.department')}
              onChange={(v) => set('department', v ?? '')}
              allowDeselect={false}
            />
            <Select
              label={t('priority.label')}
              data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
              value={values.priority}
              error={errorOf('outcome.priority')}
              onChange={(v) => set('priority', v)}
              clearable
              placeholder={t('routing.priorityUnset')}
            />
            <TagsInput label={t('routing.tags')} value={values.tags} error={errorOf('outcome.tags')} onChange={(v) => set('tags', v)} />
          </SimpleGrid>
          {Object.keys(errors).length === 0 && !stale && <ProblemAlert error={save.error} />}
          {stale && (
            <Alert color="red" role="alert" title={t('conflict.title')} data-testid="conflict">
              {t('routing.conflict')}
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
