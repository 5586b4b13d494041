import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../api/models';

// Filled with white text, like the state badges; the words carry the meaning, the colour helps.
const colors: Record<Priority, string> = { P1: 'red', P2: 'pink', P3: 'blue', P4: 'gray' };

/** A request's or incident's priority (P1 most urgent). */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[priority]} variant="filled" data-priority={priority} title={t(`priority.${priority}`)}>
      {priority}
    </Badge>
  );
}
