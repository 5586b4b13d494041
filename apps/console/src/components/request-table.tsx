import { Anchor, Checkbox, Table } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestListItem } from '../api/models';
import { useFormat } from '../i18n/format';
import { useRenderMeasure } from '../perf/render-measure';
import { PriorityBadge } from './priority-badge';
import { SlaBadge } from './sla-badge';
import { StateBadge } from './state-badge';
import { UserRef } from './user-ref';

/** Rows a manager may pick for a bulk action (open requests only). */
export interface RowSelection {
  readonly selected: ReadonlySet<string>;
  readonly toggle: (id: string) => void;
  readonly setAll: (ids: readonly string[], on: boolean) => void;
}

export function RequestTable({
  items,
  caption,
  dataUpdatedAt = 0,
  selection,
}: {
  items: readonly RequestListItem[];
  caption: string;
  dataUpdatedAt?: number;
  selection?: RowSelection;
}) {
  const { t } = useTranslation();
  const selectable = selection ? items.filter((r) => r.state !== 'CLOSED').map((r) => r.id) : [];
  const allSelected = selectable.length > 0 && selectable.every((id) => selection?.selected.has(id));
  useRenderMeasure('switchboard:request-rows', items.length, dataUpdatedAt);
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover data-testid="request-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th scope="col" w={40}>
                <Checkbox
                  aria-label={t('problems.selectAll')}
                  checked={allSelected}
                  indeterminate={!allSelected && selectable.some((id) => selection.selected.has(id))}
                  onChange={() => selection.setAll(selectable, !allSelected)}
                />
              </Table.Th>
            )}
            <Table.Th scope="col">{t('request.subject')}</Table.Th>
            <Table.Th scope="col">{t('request.state')}</Table.Th>
            <Table.Th scope="col">{t('priority.label')}</Table.Th>
            <Table.Th scope="col">{t('sla.label')}</Table.Th>
            <Table.Th scope="col">{t('request.channel')}</Table.Th>
            <Table.Th scope="col">{t('request.client')}</Table.Th>
            <Table.Th scope="col">{t('request.assignee')}</Table.Th>
            <Table.Th scope="col">{t('request.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <RequestRow key={r.id} request={r} selected={selection ? selection.selected.has(r.id) : undefined} onToggle={selection?.toggle} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One row; memoised, so a live refresh re-renders only the rows whose data changed (the query cache keeps unchanged items as the same objects). */
const RequestRow = memo(function RequestRow({
  request: r,
  selected,
  onToggle,
}: {
  request: RequestListItem;
  selected?: boolean;
  onToggle?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.Tr data-request-id={r.id}>
      {onToggle && (
        <Table.Td>
          <Checkbox
            aria-label={t('problems.selectRow', { subject: r.subject || r.id.slice(0, 8) })}
            checked={Boolean(selected)}
            disabled={r.state === 'CLOSED'}
            onChange={() => onToggle(r.id)}
          />
        </Table.Td>
      )}
      <Table.Td>
        <Anchor component={Link} to={`/requests/${r.id}`}>
          {r.subject || r.lastMessage?.text.slice(0, 80) || t('request.noSubject')}
        </Anchor>
        {r.lastMessage && <span className="queue-row-secondary">{r.lastMessage.text}</span>}
      </Table.Td>
      <Table.Td>
        <StateBadge state={r.state} />
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={r.priority} />
      </Table.Td>
      <Table.Td>
        <SlaBadge sla={r.sla} />
      </Table.Td>
      <Table.Td>{t(`channel.${r.channel}`)}</Table.Td>
      <Table.Td>{r.client?.name ?? r.contact.displayName ?? r.contact.address}</Table.Td>
      <Table.Td>
        <UserRef id={r.assigneeId} />
      </Table.Td>
      <Table.Td title={f.dateTime(r.updatedAt)}>{f.ago(r.updatedAt)}</Table.Td>
    </Table.Tr>
  );
});
