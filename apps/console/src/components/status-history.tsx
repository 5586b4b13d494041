import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../api/models';
import { useFormat } from '../i18n/format';
import { UserRef } from './user-ref';

/**
 * Every change of a request or incident, oldest first: state changes, (re)assignments and how they
 * came about (a manager, a take, round robin, least loaded), priority changes, department moves,
 * with the reason (hold, closure, cancellation, resolution) and the people by name.
 */
export function StatusHistory({ entries, caption }: { entries: readonly HistoryEntry[]; caption: string }) {
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
        {entries.map((e, index) => (
          <Table.Tr key={`${e.revision}-${e.eventType}-${index}`} data-to={e.to ?? undefined} data-event={e.eventType}>
            <Table.Td>
              <time dateTime={e.at}>{f.dateTime(e.at)}</time>
            </Table.Td>
            <Table.Td>
              {e.to ? <span>{e.from ? `${t(`state.${e.from}`)} → ${t(`state.${e.to}`)}` : t(`state.${e.to}`)}</span> : null}
              {e.assigneeId && (
                <Text size="xs" c="dimmed" data-assigned-by={e.assignedBy ?? undefined}>
                  {t('history.assignedTo')} <UserRef id={e.assigneeId} name={e.assigneeName} />
                  {e.assignedBy && ` · ${t(`history.assignedBy.${e.assignedBy}`)}`}
                </Text>
              )}
              {e.priority && (
                <Text size="xs" c="dimmed">
                  {t('history.priorityChanged', { from: e.previousPriority ?? '—', to: e.priority })}
                </Text>
              )}
              {e.previousDepartment && e.department && e.previousDepartment !== e.department && (
                <Text size="xs" c="dimmed">
                  {t('history.movedTo', { from: e.previousDepartment, to: e.department })}
                </Text>
              )}
              {e.reason && (
                <Text size="xs" c="dimmed">
                  {t('history.reason', { reason: e.reason })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <UserRef id={e.by} name={e.byName} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
