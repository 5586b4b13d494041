import { Anchor, Table } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IncidentListItem } from '../api/models';
import { useFormat } from '../i18n/format';
import { useRenderMeasure } from '../perf/render-measure';
import { PriorityBadge } from './priority-badge';
import { SlaBadge } from './sla-badge';
import { StateBadge } from './state-badge';
import { UserRef } from './user-ref';

export function IncidentTable({ items, caption, dataUpdatedAt = 0 }: { items: readonly IncidentListItem[]; caption: string; dataUpdatedAt?: number }) {
  const { t } = useTranslation();
  useRenderMeasure('switchboard:incident-rows', items.length, dataUpdatedAt);
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover data-testid="incident-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('incident.service')}</Table.Th>
            <Table.Th scope="col">{t('incident.state')}</Table.Th>
            <Table.Th scope="col">{t('priority.label')}</Table.Th>
            <Table.Th scope="col">{t('sla.label')}</Table.Th>
            <Table.Th scope="col">{t('incident.workGroup')}</Table.Th>
            <Table.Th scope="col">{t('request.client')}</Table.Th>
            <Table.Th scope="col">{t('incident.assignee')}</Table.Th>
            <Table.Th scope="col">{t('request.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <IncidentRow key={i.id} incident={i} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One row; memoised like the request rows. */
const IncidentRow = memo(function IncidentRow({ incident: i }: { incident: IncidentListItem }) {
  const f = useFormat();
  return (
    <Table.Tr data-incident-id={i.id}>
      <Table.Td>
        <Anchor component={Link} to={`/incidents/${i.id}`}>
          {i.service.name ?? i.service.code}
        </Anchor>
        {i.lastNarrative && <span className="queue-row-secondary">{i.lastNarrative.text}</span>}
      </Table.Td>
      <Table.Td>
        <StateBadge state={i.state} />
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={i.priority} />
      </Table.Td>
      <Table.Td>
        <SlaBadge sla={i.sla} />
      </Table.Td>
      <Table.Td>{i.workGroup.name ?? i.workGroup.code}</Table.Td>
      <Table.Td>{i.client?.name ?? '—'}</Table.Td>
      <Table.Td>
        <UserRef id={i.assigneeId} />
      </Table.Td>
      <Table.Td title={f.dateTime(i.updatedAt)}>{f.ago(i.updatedAt)}</Table.Td>
    </Table.Tr>
  );
});
