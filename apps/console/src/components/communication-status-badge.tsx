import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommunicationStatus } from '../api/communications';

// Filled with white text, in the colours the state badges use: every pair passes WCAG AA contrast.
const colors: Record<CommunicationStatus, string> = {
  NOT_SENT: 'gray',
  BOOKED: 'violet',
  DISPATCHED: 'blue',
  SENT: 'indigo',
  DELIVERED: 'teal',
  FAILED: 'red',
  BLOCKED: 'grape',
  CANCELLED: 'dark',
};

/** A communication's status [Не отправлено / Забронировано / Отправлено ...]. */
export function CommunicationStatusBadge({ status }: { status: CommunicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="filled" data-status={status}>
      {t(`communications.status.${status}`)}
    </Badge>
  );
}
