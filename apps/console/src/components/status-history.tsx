import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatusChange } from '../api/models';
import { useFormat } from '../i18n/format';
import { UserRef } from './user-ref';

/** One row per state change (time, who, from → to); phase 2 adds the authors' display names. */
export function StatusHistory({ changes, caption }: { changes: readonly StatusChange[]; caption: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table data-testid="status-history" fz="sm">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('history.when')}</Table.Th>
          <Table.Th scope="col">{t('history.change')}</Table.Th>
          <Table.Th scope="col">{t('history.by')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={`${c.entityId}-${c.revision}`} data-to={c.to}>
            <Table.Td>
              <time dateTime={c.at}>{f.dateTime(c.at)}</time>
            </Table.Td>
            <Table.Td>{c.from ? `${t(`state.${c.from}`)} → ${t(`state.${c.to}`)}` : t(`state.${c.to}`)}</Table.Td>
            <Table.Td>
              <UserRef id={c.by} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
