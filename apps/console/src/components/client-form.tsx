import { Button, Group, Modal, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { Client } from '../api/models';
import type { components } from '../api/schema';

type CreateClientBody = components['schemas']['CreateClientBody'];
import { isApiError } from '../api/problem';
import { ProblemAlert } from './problem-alert';

const fields = ['lastName', 'firstName', 'middleName', 'phone', 'email', 'inn', 'organisation'] as const;
type Field = (typeof fields)[number];
const required: readonly Field[] = ['lastName', 'firstName', 'phone'];

/**
 * Create a client (POST /clients) or edit one (PATCH /clients/:id: only the changed fields; an
 * emptied optional field is cleared). The API's problem+json errors land on their fields.
 */
export function ClientForm(props: { opened: boolean; client?: Client; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const initial = Object.fromEntries(fields.map((f) => [f, props.client?.[f] ?? ''])) as Record<Field, string>;
  const [values, setValues] = useState(initial);
  const initialTags = [...(props.client?.tags ?? [])];
  const [tags, setTags] = useState<string[]>(initialTags);
  const tagsChanged = tags.join('\u0000') !== initialTags.join('\u0000');
  const save = useMutation({
    mutationFn: async () => {
      if (!props.client) {
        const body = { ...Object.fromEntries(fields.filter((f) => values[f].trim()).map((f) => [f, values[f].trim()])), ...(tags.length ? { tags } : {}) };
        return (await call('POST', '/clients', { body: body as CreateClientBody })).data.id;
      }
      const changed = fields.filter((f) => values[f].trim() !== initial[f]);
      const body = {
        ...Object.fromEntries(changed.map((f) => [f, values[f].trim() || (required.includes(f) ? '' : null)])),
        ...(tagsChanged ? { tags } : {}),
      };
      // If-Match: the revision the operator edited; someone else's edit in between answers 409.
      return (await call('PATCH', '/clients/{id}', { path: { id: props.client.id }, body, headers: { 'If-Match': `"${props.client.revision}"` } })).data.id;
    },
    onSuccess: (id) => props.onSaved(id),
  });
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const existing = isApiError(save.error) && save.error.status === 409 ? save.error.problem.clientId : undefined;
  const duplicate = typeof existing === 'string' ? existing : undefined;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.client ? t('client.edit') : t('client.create')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {fields.map((f) => (
              <TextInput
                key={f}
                label={t(`client.${f}`)}
                value={values[f]}
                required={required.includes(f)}
                error={fieldErrors[f]}
                onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
                type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
                autoComplete="off"
              />
            ))}
          </SimpleGrid>
          <TagsInput
            label={t('client.tags')}
            description={t('client.tagsHint')}
            value={tags}
            error={Object.entries(fieldErrors).find(([f]) => f === 'tags' || f.startsWith('tags.'))?.[1]}
            onChange={setTags}
          />
          {Object.keys(fieldErrors).length === 0 && <ProblemAlert error={save.error} />}
          {duplicate && (
            <Button component="a" href={`/console/clients/${duplicate}`} variant="light">
              {t('client.openExisting')}
            </Button>
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
