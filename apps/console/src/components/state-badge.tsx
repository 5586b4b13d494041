import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  NEW: 'blue',
  IN_PROGRESS: 'yellow',
  ESCALATED: 'grape',
  ASSIGNED: 'cyan',
  IN_WORK: 'yellow',
  ON_HOLD: 'orange',
  RESOLVED: 'teal',
  CLOSED: 'gray',
  CANCELLED: 'dark',
};

/** A request's or incident's state, in words and colour (the words carry the meaning). */
export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[state] ?? 'gray'} variant="light" data-state={state}>
      {t(`state.${state}`)}
    </Badge>
  );
}
