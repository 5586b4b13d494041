import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProblems } from '../api/problems';
import { DetailRow } from './detail-row';
import { StateBadge } from './state-badge';

/** The problem (mass incident) a request or an incident is linked to, as a row of its card's details; nothing when none. */
export function ProblemOf({ requestId, incidentId }: { requestId?: string; incidentId?: string }) {
  const { t } = useTranslation();
  const problems = useProblems(requestId ? { requestId } : { incidentId });
  const problem = problems.data?.[0];
  if (!problem) return null;
  return (
    <DetailRow label={t('problems.problem')}>
      <Group gap="xs" wrap="nowrap" data-testid="problem-of">
        <Anchor component={Link} to={`/problems/${problem.id}`}>
          {problem.title}
        </Anchor>
        <StateBadge state={problem.state} />
      </Group>
    </DetailRow>
  );
}
