import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Filled at the theme's darkest shade with white text: every pair passes WCAG AA contrast.
const colors: Record<string, string> = {
  NEW: 'blue',
  IN_PROGRESS: 'indigo',
  ESCALATED: 'grape',
  OPEN: 'red',
  ASSIGNED: 'cyan',
  IN_WORK: 'indigo',
  ON_HOLD: 'violet',
  RESOLVED: 'teal',
  CLOSED: 'gray',
  CANCELLED: 'dark',
};

/** A request's or incident's state, in words and colour (the words carry the meaning). */
export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[state] ?? 'gray'} variant="filled" data-state={state}>
      {t(`state.${state}`)}
    </Badge>
  );
}
