import { Badge, Button, Group, Modal, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientHitName, isLegacyHit } from '../api/models';
import type { ClientHit } from '../api/models';
import { useClientSearch } from '../api/queries';
import { ProblemAlert } from './problem-alert';

export type LinkClientBody = { clientId: string } | { legacyClientId: number } | { phone: string };

/**
 * Finds the client by name words (ours and the LegacyDB merged; `partial` when the LegacyDB was too
 * slow) or phone, and links them; a LegacyDB client is copied in by the API on linking.
 */
export function LinkClientDialog(props: { opened: boolean; pending: boolean; error: unknown; onClose: () => void; onLink: (body: LinkClientBody) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [picked, setPicked] = useState<string | null>(null);
  const result = useClientSearch(q);
  const hits = result.data?.items ?? [];
  const keyOf = (hit: ClientHit) => (isLegacyHit(hit) ? `legacy:${hit.legacyId}` : `ours:${hit.id}`);
  const submit = () => {
    const hit = hits.find((h) => keyOf(h) === picked);
    if (hit) props.onLink(isLegacyHit(hit) ? { legacyClientId: Number(hit.legacyId) } : { clientId: hit.id as string });
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('action.link-client')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('linkClient.search')}
            description={t('linkClient.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-autofocus
          />
          {result.data?.partial && (
            <Badge color="dark" variant="outline" data-testid="partial-badge">
              {t('linkClient.partial')}
            </Badge>
          )}
          {hits.length > 0 && (
            <Radio.Group value={picked} onChange={setPicked} label={t('linkClient.results')}>
              <Table fz="sm">
                <Table.Tbody>
                  {hits.map((hit) => (
                    <Table.Tr key={keyOf(hit)}>
                      <Table.Td>
                        <Radio value={keyOf(hit)} label={clientHitName(hit)} />
                      </Table.Td>
                      <Table.Td>{hit.phone ?? hit.recordedPhone ?? ''}</Table.Td>
                      <Table.Td>
                        {isLegacyHit(hit) && (
                          <Badge size="xs" variant="outline">
                            {t('linkClient.legacy')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Radio.Group>
          )}
          {q.length >= 2 && !result.isFetching && hits.length === 0 && <Text c="dimmed">{t('linkClient.none')}</Text>}
          <ProblemAlert error={props.error ?? result.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            {/^\+?\d[\d\s()-]{5,}$/.test(search.trim()) && (
              <Button variant="light" onClick={() => props.onLink({ phone: search.trim() })} loading={props.pending}>
                {t('linkClient.byPhone', { phone: search.trim() })}
              </Button>
            )}
            <Button type="submit" loading={props.pending} disabled={!picked}>
              {t('action.link-client')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
