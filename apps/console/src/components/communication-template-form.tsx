import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { CommunicationTemplate, CommunicationTemplateBody } from '../api/models';
import { isApiError } from '../api/problem';
import { ProblemAlert } from './problem-alert';

/** The communication types of issue 15 (reference data; the API accepts any type code). */
export const communicationTypes = ['service', 'personal', 'informational', 'mass', 'survey', 'commercial-survey'] as const;

interface Values {
  id: string;
  name: string;
  communicationType: string;
  ru: string;
  en: string;
}

/**
 * Create a template (POST /communication-templates) or change one (PUT with the version seen as
 * If-Match). A language left empty has no body; the API's field errors land on their fields.
 */
export function CommunicationTemplateForm(props: { template?: CommunicationTemplate; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => ({
    id: props.template?.id ?? '',
    name: props.template?.name ?? '',
    communicationType: props.template?.communicationType ?? 'service',
    ru: props.template?.bodies.ru ?? '',
    en: props.template?.bodies.en ?? '',
  }));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: async () => {
      const body: CommunicationTemplateBody = {
        name: values.name.trim(),
        communicationType: values.communicationType,
        bodies: { ...(values.ru.trim() ? { ru: values.ru } : {}), ...(values.en.trim() ? { en: values.en } : {}) },
      };
      if (!props.template) {
        const created = await call('POST', '/communication-templates', { body: { ...(values.id.trim() ? { id: values.id.trim() } : {}), ...body } });
        return created.data.id;
      }
      await call('PUT', '/communication-templates/{id}', { path: { id: props.template.id }, body, headers: { 'If-Match': `"${props.template.version}"` } });
      return props.template.id;
    },
    onSuccess: (id) => props.onSaved(id),
  });
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const stale = isApiError(save.error) && save.error.status === 409 && props.template !== undefined;
  return (
    <Modal opened onClose={props.onClose} title={props.template ? t('templates.edit') : t('templates.create')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('templates.id')}
              description={t('templates.idHint')}
              value={values.id}
              disabled={Boolean(props.template)}
              error={errors.id}
              onChange={(e) => set('id', e.currentTarget.value)}
              autoComplete="off"
            />
            <Select
              label={t('templates.type')}
              data={communicationTypes.map((type) => ({ value: type, label: t(`templates.types.${type}`) }))}
              value={values.communicationType}
              error={errors.communicationType}
              onChange={(v) => set('communicationType', v ?? 'service')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput
            label={t('templates.name')}
            required
            value={values.name}
            error={errors.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            autoComplete="off"
          />
          <Textarea
            label={t('templates.bodyRu')}
            description={t('templates.bodyHint', { example: '{{name}}' })}
            autosize
            minRows={3}
            value={values.ru}
            error={errors['bodies.ru'] ?? errors.bodies}
            onChange={(e) => set('ru', e.currentTarget.value)}
          />
          <Textarea
            label={t('templates.bodyEn')}
            autosize
            minRows={3}
            value={values.en}
            error={errors['bodies.en']}
            onChange={(e) => set('en', e.currentTarget.value)}
          />
          {stale ? (
            <Alert color="red" title={t('conflict.title')} role="alert">
              {t('templates.conflict')}
            </Alert>
          ) : (
            Object.keys(errors).length === 0 && <ProblemAlert error={save.error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="template-save">
              {t('templates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
