import { ActionIcon, Button, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { queryKeys, useSavedFilters } from '../api/queries';
import { ProblemAlert } from './problem-alert';
import type { ListFilters, ListResource } from './queue-filters';

type SaveFilterBody = components['schemas']['SaveFilterBody'];

/** The operator's saved filters (/me/filters): apply one, save the current one, delete one. */
export function SavedFiltersMenu({ resource, current, onApply }: { resource: ListResource; current: ListFilters; onApply: (filters: ListFilters) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = useSavedFilters(resource);
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.savedFilters(resource) });
  const save = useMutation({
    mutationFn: () => call('POST', '/me/filters', { body: { resource, name: name.trim(), filters: current } as SaveFilterBody }),
    onSuccess: () => {
      void refresh();
      setName('');
      close();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => call('DELETE', '/me/filters/{id}', { path: { id } }), onSuccess: () => void refresh() });
  return (
    <Group gap="xs">
      <Menu position="bottom-start">
        <Menu.Target>
          <Button variant="default" size="sm">
            {t('savedFilters.title')} ({saved.data?.length ?? 0})
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(saved.data ?? []).length === 0 && <Menu.Label>{t('savedFilters.none')}</Menu.Label>}
          {(saved.data ?? []).map((f) => (
            <Group key={f.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onApply(f.filters as ListFilters)}>{f.name}</Menu.Item>
              <ActionIcon variant="subtle" color="red" aria-label={t('savedFilters.delete', { name: f.name })} onClick={() => remove.mutate(f.id)}>
                ×
              </ActionIcon>
            </Group>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button variant="subtle" size="sm" onClick={open}>
        {t('savedFilters.save')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('savedFilters.save')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <TextInput label={t('savedFilters.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={100} data-autofocus />
            <ProblemAlert error={save.error} />
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
