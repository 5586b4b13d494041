import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PresenceStatus } from '../api/models';

// Filled with white text, like the state badges: both pass WCAG AA contrast.
/** Available (teal) or away (grey), in words as well as colour. */
export function PresenceBadge({ status }: { status: PresenceStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={status === 'available' ? 'teal' : 'gray'} data-presence={status}>
      {t(`presence.${status}`)}
    </Badge>
  );
}
