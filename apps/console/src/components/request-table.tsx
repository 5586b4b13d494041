import { Anchor, Table } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestListItem } from '../api/models';
import { useFormat } from '../i18n/format';
import { useRenderMeasure } from '../perf/render-measure';
import { StateBadge } from './state-badge';
import { UserRef } from './user-ref';

export function RequestTable({ items, caption, dataUpdatedAt = 0 }: { items: readonly RequestListItem[]; caption: string; dataUpdatedAt?: number }) {
  const { t } = useTranslation();
  useRenderMeasure('switchboard:request-rows', items.length, dataUpdatedAt);
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover data-testid="request-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('request.subject')}</Table.Th>
            <Table.Th scope="col">{t('request.state')}</Table.Th>
            <Table.Th scope="col">{t('request.channel')}</Table.Th>
            <Table.Th scope="col">{t('request.client')}</Table.Th>
            <Table.Th scope="col">{t('request.assignee')}</Table.Th>
            <Table.Th scope="col">{t('request.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <RequestRow key={r.id} request={r} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One row; memoised, so a live refresh re-renders only the rows whose data changed (the query cache keeps unchanged items as the same objects). */
const RequestRow = memo(function RequestRow({ request: r }: { request: RequestListItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.Tr data-request-id={r.id}>
      <Table.Td>
        <Anchor component={Link} to={`/requests/${r.id}`}>
          {r.subject || r.lastMessage?.text.slice(0, 80) || t('request.noSubject')}
        </Anchor>
        {r.lastMessage && <span className="queue-row-secondary">{r.lastMessage.text}</span>}
      </Table.Td>
      <Table.Td>
        <StateBadge state={r.state} />
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
