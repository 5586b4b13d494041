import { Anchor, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useEntityCommand } from '../api/commands';
import type { IncidentAction, IncidentDetail } from '../api/models';
import { isApiError } from '../api/problem';
import { useIncident, useRequest } from '../api/queries';
import { useAuth } from '../auth/auth-provider';
import { AssignDialog } from '../components/assign-dialog';
import { ConflictAlert } from '../components/conflict-alert';
import { Conversation } from '../components/conversation';
import { DetailRow } from '../components/detail-row';
import { notifyDone } from '../components/notify';
import { EmptyState, QueryState } from '../components/query-state';
import { StateBadge } from '../components/state-badge';
import { StatusHistory } from '../components/status-history';
import { TextCommandDialog } from '../components/text-command-dialog';
import { UserRef } from '../components/user-ref';
import { l3Engineers } from '../components/user-picker';
import { useFormat } from '../i18n/format';
import { PriorityBadge } from '../components/priority-badge';
import { SlaBadge } from '../components/sla-badge';
import { ProblemOf } from '../components/problem-of';
import { QueueCardActions } from '../components/queue-actions';
import { requestTitle } from '../domain/request-title';

type TextAction = 'hold' | 'narrative' | 'resolve' | 'reopen' | 'unlink';
const textActions: Record<TextAction, { field: string; label: string; max: number }> = {
  hold: { field: 'reason', label: 'hold.reason', max: 1000 },
  narrative: { field: 'text', label: 'narrative.text', max: 20_000 },
  resolve: { field: 'resolution', label: 'resolve.resolution', max: 5000 },
  reopen: { field: 'reason', label: 'reopen.reason', max: 1000 },
  unlink: { field: 'reason', label: 'unlink.reason', max: 1000 },
};
const isTextAction = (a: IncidentAction): a is TextAction => a in textActions;

/** An incident: its service, work group and assignee, the narrative, the actions allowed now, and the request it came from. */
export default function IncidentCardScreen() {
  const { id = '' } = useParams();
  // "Take next" opens the card it took with the position to read that write.
  const [searchParams] = useSearchParams();
  const [minPosition, setMinPosition] = useState<string | undefined>(searchParams.get('minPosition') || undefined);
  const query = useIncident(id, minPosition);
  return (
    <QueryState isLoading={query.isLoading} error={query.data ? null : query.error} retry={() => void query.refetch()}>
      {query.data && <IncidentCard incident={query.data} onAccepted={setMinPosition} reload={() => void query.refetch()} />}
    </QueryState>
  );
}

function IncidentCard({ incident, onAccepted, reload }: { incident: IncidentDetail; onAccepted: (position: string | undefined) => void; reload: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { principal } = useAuth();
  const [chosenDialog, setDialog] = useState<'assign' | TextAction | null>(null);
  // The revision the operator saw when they opened the dialog: what they decided on.
  const [decidedOn, setDecidedOn] = useState(incident.revision);
  const command = useEntityCommand<IncidentAction>({ kind: 'incident', id: incident.id, revision: incident.revision }, (accepted, input) => {
    onAccepted(accepted.position ?? undefined);
    setDialog(null);
    notifyDone(t, input.action);
  });
  const conflict = isApiError(command.error) && command.error.status === 409;
  // A conflict closes the dialog: the card shows what changed and offers the reload.
  const dialog = conflict ? null : chosenDialog;
  // What the API accepts from this operator now (their role on it and the state machine).
  // Taking and the priority have their own controls (QueueCardActions).
  const allowed = incident.allowedActions.filter((action) => action !== 'take' && action !== 'set-priority');
  const run = (action: IncidentAction, body?: object, revision = decidedOn) => command.mutateAsync({ action, body, revision }).catch(() => undefined);
  const act = (action: IncidentAction) => {
    command.reset();
    setDecidedOn(incident.revision);
    if (action === 'assign' || isTextAction(action)) setDialog(action);
    else void run(action, undefined, incident.revision);
  };
  const text = dialog && dialog !== 'assign' ? textActions[dialog] : null;

  return (
    <Stack gap="md" data-testid="incident-card" data-state={incident.state} data-revision={incident.revision}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t('incident.title')} · {incident.workGroup.name ?? incident.workGroup.code}
          </Text>
          <Title order={2}>{incident.service.name ?? incident.service.code}</Title>
        </div>
        <StateBadge state={incident.state} />
      </Group>
      <ConflictAlert
        error={command.error}
        onReload={() => {
          setDialog(null);
          command.reset();
          reload();
        }}
      />
      {!conflict && !dialog && command.error ? (
        <Text c="red" role="alert">
          {(command.error as Error).message}
        </Text>
      ) : null}
      {incident.access === 'read' && <Text c="dimmed">{t('incident.readOnly')}</Text>}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="narrative-title">
              <Title order={3} size="h4" id="narrative-title" mb="sm">
                {t('narrative.title')}
              </Title>
              {incident.narrative.length === 0 ? (
                <EmptyState>{t('narrative.empty')}</EmptyState>
              ) : (
                <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {incident.narrative.map((n) => (
                    <li key={n.narrativeId}>
                      <Paper withBorder p="sm">
                        <Text size="xs" c="dimmed">
                          <UserRef id={n.by} name={n.byName} /> · <time dateTime={n.at}>{f.dateTime(n.at)}</time>
                        </Text>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {n.text}
                        </Text>
                      </Paper>
                    </li>
                  ))}
                </Stack>
              )}
            </Paper>
            <OriginRequest requestId={incident.requestId} />
            <Paper withBorder p="md" component="section" aria-labelledby="history-title">
              <Title order={3} size="h4" id="history-title" mb="sm">
                {t('history.title')}
              </Title>
              <StatusHistory entries={incident.history} caption={t('history.caption')} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
              <Title order={3} size="h4" id="actions-title" mb="sm">
                {t('actions.title')}
              </Title>
              <QueueCardActions kind="incident" item={incident} onAccepted={onAccepted} reload={reload} />
              {allowed.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('actions.none')}
                </Text>
              ) : (
                <Group gap="xs">
                  {allowed.map((action) => (
                    <Button
                      key={action}
                      size="sm"
                      variant={action === 'unlink' ? 'outline' : 'filled'}
                      color={action === 'unlink' ? 'red.9' : undefined}
                      onClick={() => act(action)}
                      loading={command.isPending && command.variables?.action === action}
                      data-action={action}
                    >
                      {t(`action.${action}`)}
                    </Button>
                  ))}
                </Group>
              )}
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="details-title">
              <Title order={3} size="h4" id="details-title" mb="sm">
                {t('details.title')}
              </Title>
              <Table fz="sm" variant="vertical" layout="fixed">
                <Table.Tbody>
                  <DetailRow label={t('incident.service')}>{`${incident.service.code} · ${incident.service.name ?? ''}`}</DetailRow>
                  <DetailRow label={t('incident.workGroup')}>{incident.workGroup.name ?? incident.workGroup.code}</DetailRow>
                  <DetailRow label={t('priority.label')}>
                    <PriorityBadge priority={incident.priority} />
                  </DetailRow>
                  {incident.sla && (
                    <DetailRow label={t('sla.label')}>
                      <SlaBadge sla={incident.sla} detailed />
                    </DetailRow>
                  )}
                  <DetailRow label={t('incident.assignee')}>
                    <UserRef id={incident.assigneeId} />
                  </DetailRow>
                  <DetailRow label={t('request.client')}>
                    {incident.client ? (
                      <Anchor component={Link} to={`/clients/${incident.client.id}`}>
                        {incident.client.name}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </DetailRow>
                  <ProblemOf incidentId={incident.id} />
                  {incident.holdReason && <DetailRow label={t('incident.holdReason')}>{incident.holdReason}</DetailRow>}
                  {incident.resolution && <DetailRow label={t('incident.resolution')}>{incident.resolution}</DetailRow>}
                  {incident.cancelReason && <DetailRow label={t('incident.cancelReason')}>{incident.cancelReason}</DetailRow>}
                  <DetailRow label={t('request.created')}>{f.dateTime(incident.createdAt)}</DetailRow>
                  <DetailRow label={t('request.updated')}>{f.dateTime(incident.updatedAt)}</DetailRow>
                  {incident.closedAt && <DetailRow label={t('request.closed')}>{f.dateTime(incident.closedAt)}</DetailRow>}
                </Table.Tbody>
              </Table>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <AssignDialog
        opened={dialog === 'assign'}
        candidates={l3Engineers}
        canAssignSelf={Boolean(principal?.roles.includes('SL3User') || principal?.roles.includes('SL3Manager'))}
        pending={command.isPending}
        error={conflict ? null : command.error}
        onClose={() => setDialog(null)}
        onAssign={(assigneeId) => void run('assign', { assigneeId })}
      />
      {dialog && dialog !== 'assign' && text && (
        <TextCommandDialog
          opened
          title={t(`action.${dialog}`)}
          label={t(text.label)}
          submitLabel={t(`action.${dialog}`)}
          maxLength={text.max}
          pending={command.isPending}
          error={conflict ? null : command.error}
          onClose={() => setDialog(null)}
          onSubmit={(value) => void run(dialog, { [text.field]: value })}
        />
      )}
    </Stack>
  );
}

/** The request the incident came from, with its conversation, read-only here. */
function OriginRequest({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const request = useRequest(requestId);
  // What the help desk wrote for L3 when escalating (the latest escalation's).
  const summary = request.data?.history.findLast((e) => e.eventType === 'RequestEscalated')?.reason;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="origin-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="origin-title">
          {t('incident.origin')}
        </Title>
        {request.data && (
          <Anchor component={Link} to={`/requests/${requestId}`}>
            {requestTitle(request.data) || t('request.noSubject')}
          </Anchor>
        )}
      </Group>
      {summary && (
        <Paper withBorder p="sm" mb="sm" data-testid="escalation-summary">
          <Text size="xs" c="dimmed">
            {t('incident.summary')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {summary}
          </Text>
        </Paper>
      )}
      {request.error && isApiError(request.error) && request.error.status === 404 ? (
        <Text c="dimmed">{t('incident.originHidden')}</Text>
      ) : (
        <QueryState isLoading={request.isLoading} error={request.error}>
          {request.data && <Conversation entries={request.data.conversation} />}
        </QueryState>
      )}
    </Paper>
  );
}
