import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientCard } from '../api/models';
import { useFormat } from '../i18n/format';
import { EmptyState } from './query-state';
import { UserRef } from './user-ref';

type ClientChange = ClientCard['history'][number];

/** A client's recorded changes, newest first: what changed (field by field), who and when. */
export function ClientHistory({ changes }: { changes: readonly ClientChange[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (changes.length === 0) return <EmptyState>{t('clientHistory.none')}</EmptyState>;
  const newestFirst = [...changes].reverse();
  return (
    <Table fz="sm" data-testid="client-history">
      <Table.Caption>{t('clientHistory.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('history.when')}</Table.Th>
          <Table.Th scope="col">{t('history.change')}</Table.Th>
          <Table.Th scope="col">{t('history.by')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {newestFirst.map((c) => (
          <Table.Tr key={c.revision} data-change={c.change}>
            <Table.Td>
              <time dateTime={c.at}>{f.dateTime(c.at)}</time>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`clientHistory.${c.change}`)}</Text>
              {Object.entries(c.changes).map(([field, { from, to }]) => (
                <Text size="xs" c="dimmed" key={field}>
                  {t(`client.${field}`, { defaultValue: field })}: {from ?? '—'} → {to ?? '—'}
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
              <UserRef id={c.by} name={c.byName} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
