import { Anchor, Button, Grid, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProblemDetail } from '../api/models';
import { useProblem, useProblemCommand } from '../api/problems';
import { DetailRow } from '../components/detail-row';
import { notifyDone } from '../components/notify';
import { PriorityBadge } from '../components/priority-badge';
import { ProblemAlert } from '../components/problem-alert';
import { EmptyState, QueryState } from '../components/query-state';
import { StateBadge } from '../components/state-badge';
import { UserRef } from '../components/user-ref';
import { useFormat } from '../i18n/format';
import type { Priority } from '../api/models';

/** A problem: its incidents and requests, and for managers resolve and close (closing ends every linked item). */
export default function ProblemCardScreen() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const [minPosition, setMinPosition] = useState<string | undefined>(searchParams.get('minPosition') || undefined);
  const query = useProblem(id, minPosition);
  return (
    <QueryState isLoading={query.isLoading} error={query.data ? null : query.error} retry={() => void query.refetch()}>
      {query.data && <ProblemCard problem={query.data} onAccepted={setMinPosition} />}
    </QueryState>
  );
}

function ProblemCard({ problem, onAccepted }: { problem: ProblemDetail; onAccepted: (position: string | undefined) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [dialog, setDialog] = useState<'resolve' | 'close' | null>(null);
  const [resolution, setResolution] = useState('');
  const command = useProblemCommand((accepted, sent) => {
    onAccepted(accepted.position ?? undefined);
    setDialog(null);
    notifyDone(t, sent.action === 'close' ? 'close-problem' : 'resolve-problem');
  });
  const allowed = problem.allowedActions.filter((a): a is 'resolve' | 'close' => a === 'resolve' || a === 'close');
  const needsResolution = dialog === 'resolve' || problem.state === 'OPEN';
  return (
    <Stack gap="md" data-testid="problem-card" data-state={problem.state} data-revision={problem.revision}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t('problems.problem')} · {`${problem.serviceCode} · ${problem.serviceName ?? ''}`}
          </Text>
          <Title order={2}>{problem.title}</Title>
        </div>
        <StateBadge state={problem.state} />
      </Group>
      {!dialog && <ProblemAlert error={command.error} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="problem-incidents-title">
              <Title order={3} size="h4" id="problem-incidents-title" mb="sm">
                {t('problems.incidents')} ({problem.incidents.length})
              </Title>
              {problem.incidents.length === 0 ? (
                <EmptyState>{t('problems.noIncidents')}</EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={500}>
                  <Table striped data-testid="problem-incidents">
                    <Table.Caption>{t('problems.incidents')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('incident.title')}</Table.Th>
                        <Table.Th scope="col">{t('request.state')}</Table.Th>
                        <Table.Th scope="col">{t('priority.label')}</Table.Th>
                        <Table.Th scope="col">{t('incident.assignee')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {problem.incidents.map((i) => (
                        <Table.Tr key={i.id} data-incident-id={i.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/incidents/${i.id}`}>
                              {i.id.slice(0, 8)}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <StateBadge state={i.state} />
                          </Table.Td>
                          <Table.Td>
                            <PriorityBadge priority={i.priority as Priority} />
                          </Table.Td>
                          <Table.Td>
                            <UserRef id={i.assigneeId} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="problem-requests-title">
              <Title order={3} size="h4" id="problem-requests-title" mb="sm">
                {t('problems.requests')} ({problem.requests.length})
              </Title>
              {problem.requests.length === 0 ? (
                <EmptyState>{t('problems.noRequests')}</EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={500}>
                  <Table striped data-testid="problem-requests">
                    <Table.Caption>{t('problems.requests')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('request.subject')}</Table.Th>
                        <Table.Th scope="col">{t('request.state')}</Table.Th>
                        <Table.Th scope="col">{t('request.channel')}</Table.Th>
                        <Table.Th scope="col">{t('request.department')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {problem.requests.map((r) => (
                        <Table.Tr key={r.id} data-request-id={r.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/requests/${r.id}`}>
                              {r.subject || r.id.slice(0, 8)}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <StateBadge state={r.state} />
                          </Table.Td>
                          <Table.Td>{t(`channel.${r.channel}`)}</Table.Td>
                          <Table.Td>{r.department ?? '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="problem-actions-title">
              <Title order={3} size="h4" id="problem-actions-title" mb="sm">
                {t('actions.title')}
              </Title>
              {allowed.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('actions.none')}
                </Text>
              ) : (
                <Stack gap="xs">
                  <Group gap="xs">
                    {allowed.map((action) => (
                      <Button
                        key={action}
                        size="sm"
                        variant={action === 'close' ? 'filled' : 'light'}
                        onClick={() => {
                          command.reset();
                          setResolution('');
                          setDialog(action);
                        }}
                        data-action={action}
                      >
                        {t(action === 'close' ? 'problems.close' : 'problems.resolve')}
                      </Button>
                    ))}
                  </Group>
                  {allowed.includes('close') && (
                    <Text size="xs" c="dimmed">
                      {t('problems.closeHint')}
                    </Text>
                  )}
                </Stack>
              )}
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="problem-details-title">
              <Title order={3} size="h4" id="problem-details-title" mb="sm">
                {t('details.title')}
              </Title>
              <Table fz="sm" variant="vertical" layout="fixed">
                <Table.Tbody>
                  <DetailRow label={t('incident.service')}>{`${problem.serviceCode} · ${problem.serviceName ?? ''}`}</DetailRow>
                  <DetailRow label={t('problems.origin')}>{t(`problems.originOf.${problem.origin}`)}</DetailRow>
                  <DetailRow label={t('problems.openedBy')}>
                    <UserRef id={problem.openedBy} />
                  </DetailRow>
                  <DetailRow label={t('problems.openedAt')}>{f.dateTime(problem.openedAt)}</DetailRow>
                  {problem.resolution && <DetailRow label={t('incident.resolution')}>{problem.resolution}</DetailRow>}
                  {problem.closedAt && <DetailRow label={t('request.closed')}>{f.dateTime(problem.closedAt)}</DetailRow>}
                </Table.Tbody>
              </Table>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {dialog && (
        <Modal
          opened
          onClose={() => setDialog(null)}
          title={t(dialog === 'close' ? 'problems.close' : 'problems.resolve')}
          closeButtonProps={{ 'aria-label': t('common.closeDialog') }}
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const text = resolution.trim();
              if (dialog === 'resolve') command.mutate({ action: 'resolve', problemId: problem.id, resolution: text, revision: problem.revision });
              else command.mutate({ action: 'close', problemId: problem.id, resolution: text || undefined, revision: problem.revision });
            }}
          >
            <Stack>
              {dialog === 'close' && (
                <Text size="sm">{t('problems.closeConfirm', { incidents: problem.incidents.length, requests: problem.requests.length })}</Text>
              )}
              <Textarea
                label={t('incident.resolution')}
                required={needsResolution}
                maxLength={2000}
                autosize
                minRows={3}
                value={resolution}
                placeholder={!needsResolution ? (problem.resolution ?? '') : undefined}
                onChange={(e) => setResolution(e.currentTarget.value)}
              />
              <ProblemAlert error={command.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDialog(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={command.isPending} disabled={needsResolution && !resolution.trim()} data-testid="confirm-problem-command">
                  {t(dialog === 'close' ? 'problems.close' : 'problems.resolve')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
    </Stack>
  );
}
