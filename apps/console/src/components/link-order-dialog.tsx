import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrders } from '../api/queries';
import { ProblemAlert } from './problem-alert';

export interface LinkOrderBody {
  orderCode: string;
  order?: { name: string; cost: string };
}

/** Links one of the client's orders, one from the LegacyDB by its code, or a new one. */
export function LinkOrderDialog(props: {
  opened: boolean;
  clientId: string | null;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onLink: (body: LinkOrderBody) => void;
}) {
  const { t } = useTranslation();
  const orders = useOrders(props.clientId, '');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [cost, setCost] = useState('');
  const known = (orders.data?.items ?? []).some((o) => o.code === code);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('action.link-order')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onLink(name && cost && !known ? { orderCode: code.trim(), order: { name: name.trim(), cost: cost.trim() } } : { orderCode: code.trim() });
        }}
      >
        <Stack>
          <Select
            label={t('linkOrder.clientOrders')}
            data={(orders.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))}
            value={known ? code : null}
            onChange={(v) => setCode(v ?? '')}
            clearable
            nothingFoundMessage={t('linkOrder.noOrders')}
          />
          <TextInput label={t('linkOrder.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required maxLength={64} />
          {!known && (
            <>
              <Text size="xs" c="dimmed">
                {t('linkOrder.newHint')}
              </Text>
              <TextInput label={t('order.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={300} />
              <TextInput label={t('order.cost')} value={cost} onChange={(e) => setCost(e.currentTarget.value)} placeholder="1234.50" inputMode="decimal" />
            </>
          )}
          <ProblemAlert error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} disabled={!code.trim()}>
              {t('action.link-order')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
