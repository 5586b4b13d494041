import { Anchor, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useEntityCommand } from '../api/commands';
import { mayReadSurveyResults } from '../api/surveys';
import type { RequestAction, RequestDetail } from '../api/models';
import { isApiError } from '../api/problem';
import { useRequest } from '../api/queries';
import { AssignDialog } from '../components/assign-dialog';
import { ConflictAlert } from '../components/conflict-alert';
import { Conversation } from '../components/conversation';
import { DetailRow } from '../components/detail-row';
import { notifyDone } from '../components/notify';
import { EscalateDialog } from '../components/escalate-dialog';
import { LinkClientDialog } from '../components/link-client-dialog';
import { LinkOrderDialog } from '../components/link-order-dialog';
import { QueryState } from '../components/query-state';
import { ReplyComposer } from '../components/reply-composer';
import { StateBadge } from '../components/state-badge';
import { StatusHistory } from '../components/status-history';
import { TextCommandDialog } from '../components/text-command-dialog';
import { UserRef } from '../components/user-ref';
import { helpDeskOf, techniciansOf } from '../components/user-picker';
import type { Candidates } from '../components/user-picker';
import { useAuth } from '../auth/auth-provider';
import { requestTitle } from '../domain/request-title';
import { useFormat } from '../i18n/format';
import { PriorityBadge } from '../components/priority-badge';
import { SlaBadge } from '../components/sla-badge';
import { QueueCardActions } from '../components/queue-actions';
import { ProblemOf } from '../components/problem-of';
import { RequestSurveyResponses } from '../components/request-survey-responses';
import { SendSurveyDialog } from '../components/send-survey-dialog';

/** Taking and the priority have their own controls (QueueCardActions); the card's buttons are the rest. */
type CardAction = Exclude<RequestAction, 'take' | 'set-priority'>;
type Dialog = Exclude<CardAction, 'reply'> | null;

/** A request: who, what, the conversation, the actions allowed now, its history and its incident. */
export default function RequestCardScreen() {
  const { id = '' } = useParams();
  // A link may say where to read from (a request just registered from a call, or taken by "take next"): read your own write.
  const [search] = useSearchParams();
  const [minPosition, setMinPosition] = useState<string | undefined>(() => search.get('minPosition') ?? undefined);
  const query = useRequest(id, minPosition);
  return (
    <QueryState isLoading={query.isLoading} error={query.data ? null : query.error} retry={() => void query.refetch()}>
      {query.data && <RequestCard request={query.data} onAccepted={setMinPosition} reload={() => void query.refetch()} />}
    </QueryState>
  );
}

function RequestCard({ request, onAccepted, reload }: { request: RequestDetail; onAccepted: (position: string | undefined) => void; reload: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { principal } = useAuth();
  const [chosenDialog, setDialog] = useState<Dialog>(null);
  const [surveying, setSurveying] = useState(false);
  // POST /surveys takes a survey from the request's department's managers and CommunicationsAdmin, about a request with a client.
  const maySurvey =
    Boolean(request.clientId) &&
    Boolean(
      principal?.roles.includes('CommunicationsAdmin') ||
      (principal?.roles.includes('HelpDeskManager') && request.department !== null && principal.departments.includes(request.department)),
    );
  // The revision the operator saw when they opened the dialog: what they decided on.
  const [decidedOn, setDecidedOn] = useState(request.revision);
  const command = useEntityCommand<RequestAction>({ kind: 'request', id: request.id, revision: request.revision }, (accepted, input) => {
    onAccepted(accepted.position ?? undefined);
    setDialog(null);
    notifyDone(t, input.action);
  });
  const conflict = isApiError(command.error) && command.error.status === 409;
  // A conflict closes the dialog: the card shows what changed and offers the reload.
  const dialog = conflict ? null : chosenDialog;
  // What the API accepts from this operator now (their role on it and the state machine).
  const allowed = request.allowedActions.filter((action): action is CardAction => action !== 'take' && action !== 'set-priority');
  const assignable = useMemo<Candidates>(() => {
    const helpDesk = helpDeskOf(request.department);
    const technicians = techniciansOf(request.siteSlug);
    return (user) => helpDesk(user) || technicians(user);
  }, [request.department, request.siteSlug]);
  const dialogError = conflict ? null : command.error;
  const run = (action: RequestAction, body?: object) => command.mutateAsync({ action, body, revision: action === 'reply' ? request.revision : decidedOn });
  const open = (next: Dialog) => {
    command.reset();
    setDecidedOn(request.revision);
    setDialog(next);
  };

  return (
    <Stack gap="md" data-testid="request-card" data-state={request.state} data-revision={request.revision}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t('request.title')} · {t(`channel.${request.channel}`)}
          </Text>
          <Title order={2}>{requestTitle(request) || t('request.noSubject')}</Title>
        </div>
        <Group gap="xs">
          {maySurvey && (
            <Button size="xs" variant="light" onClick={() => setSurveying(true)} data-testid="request-send-survey">
              {t('surveys.send.open')}
            </Button>
          )}
          <StateBadge state={request.state} />
        </Group>
      </Group>
      {maySurvey && <SendSurveyDialog opened={surveying} onClose={() => setSurveying(false)} requestId={request.id} />}
      <ConflictAlert
        error={command.error}
        onReload={() => {
          setDialog(null);
          command.reset();
          reload();
        }}
      />
      {request.access === 'read' && <Text c="dimmed">{t('request.readOnly')}</Text>}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="conversation-title">
              <Title order={3} size="h4" id="conversation-title" mb="sm">
                {t('conversation.title')}
              </Title>
              <Conversation entries={request.conversation} />
            </Paper>
            {allowed.includes('reply') && (
              <Paper withBorder p="md" component="section" aria-label={t('action.reply')}>
                <ReplyComposer
                  pending={command.isPending && command.variables?.action === 'reply'}
                  error={command.variables?.action === 'reply' ? command.error : null}
                  onSend={(text) => run('reply', { text })}
                />
              </Paper>
            )}
            <RequestSurveyResponses requestId={request.id} enabled={mayReadSurveyResults(principal?.roles)} />
            <Paper withBorder p="md" component="section" aria-labelledby="history-title">
              <Title order={3} size="h4" id="history-title" mb="sm">
                {t('history.title')}
              </Title>
              <StatusHistory entries={request.history} caption={t('history.caption')} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
              <Title order={3} size="h4" id="actions-title" mb="sm">
                {t('actions.title')}
              </Title>
              <QueueCardActions kind="request" item={request} onAccepted={onAccepted} reload={reload} />
              {allowed.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('actions.none')}
                </Text>
              ) : (
                <Group gap="xs">
                  {allowed
                    .filter((a): a is Exclude<CardAction, 'reply'> => a !== 'reply')
                    .map((action) => (
                      <Button
                        key={action}
                        variant={action === 'close' ? 'outline' : 'filled'}
                        color={action === 'close' ? 'red.9' : undefined}
                        size="sm"
                        onClick={() => open(action)}
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
                  <DetailRow label={t('request.client')}>
                    {request.client ? (
                      <Anchor component={Link} to={`/clients/${request.client.id}`}>
                        {request.client.name}
                      </Anchor>
                    ) : (
                      <Text span c="dimmed">
                        {t('request.noClient')}
                      </Text>
                    )}
                  </DetailRow>
                  <DetailRow label={t('request.contact')}>{[request.contact.displayName, request.contact.address].filter(Boolean).join(' · ')}</DetailRow>
                  <DetailRow label={t('request.order')}>{request.order?.code ?? '—'}</DetailRow>
                  <DetailRow label={t('request.department')}>{request.department ?? '—'}</DetailRow>
                  <DetailRow label={t('request.routingRule')}>
                    <span data-testid="routing-rule">{request.routingRule ? request.routingRule.name : t('request.routedByDefault')}</span>
                    {request.tags.length > 0 && ` · ${request.tags.join(', ')}`}
                  </DetailRow>
                  <DetailRow label={t('priority.label')}>
                    <PriorityBadge priority={request.priority} />
                  </DetailRow>
                  {request.sla && (
                    <DetailRow label={t('sla.label')}>
                      <SlaBadge sla={request.sla} detailed />
                    </DetailRow>
                  )}
                  <DetailRow label={t('request.assignee')}>
                    <UserRef id={request.assigneeId} />
                  </DetailRow>
                  <ProblemOf requestId={request.id} />
                  <DetailRow label={t('request.created')}>{f.dateTime(request.createdAt)}</DetailRow>
                  <DetailRow label={t('request.updated')}>{f.dateTime(request.updatedAt)}</DetailRow>
                  {request.closedAt && <DetailRow label={t('request.closed')}>{f.dateTime(request.closedAt)}</DetailRow>}
                  {request.unitId && (
                    <DetailRow label={t('request.unit')}>
                      <Anchor component={Link} to={`/units/${request.unitId}`} data-testid="request-unit">
                        {t('request.openUnit')}
                      </Anchor>
                    </DetailRow>
                  )}
                  {request.previousRequestId && (
                    <DetailRow label={t('request.previous')}>
                      <Anchor component={Link} to={`/requests/${request.previousRequestId}`}>
                        {request.previousRequestId.slice(0, 8)}
                      </Anchor>
                    </DetailRow>
                  )}
                  {request.closedReason && <DetailRow label={t('request.closedReason')}>{request.closedReason}</DetailRow>}
                </Table.Tbody>
              </Table>
            </Paper>
            {request.incidents.length > 0 && (
              <Paper withBorder p="md" component="section" aria-labelledby="incident-title">
                <Title order={3} size="h4" id="incident-title" mb="sm">
                  {t('request.incident')}
                </Title>
                <Stack gap="xs">
                  {request.incidents.map((i) => (
                    <Group key={i.id} justify="space-between">
                      <Anchor component={Link} to={`/incidents/${i.id}`}>
                        {i.service.name ?? i.service.code}
                      </Anchor>
                      <StateBadge state={i.state} />
                    </Group>
                  ))}
                </Stack>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      <AssignDialog
        opened={dialog === 'assign'}
        candidates={assignable}
        canAssignSelf={Boolean(principal?.roles.includes('HelpDeskUser') || principal?.roles.includes('HelpDeskManager'))}
        pending={command.isPending}
        error={dialogError}
        onClose={() => setDialog(null)}
        onAssign={(assigneeId) => void run('assign', { assigneeId }).catch(() => undefined)}
      />
      <LinkClientDialog
        opened={dialog === 'link-client'}
        pending={command.isPending}
        error={dialogError}
        onClose={() => setDialog(null)}
        onLink={(body) => void run('link-client', body).catch(() => undefined)}
      />
      <LinkOrderDialog
        opened={dialog === 'link-order'}
        clientId={request.clientId}
        pending={command.isPending}
        error={dialogError}
        onClose={() => setDialog(null)}
        onLink={(body) => void run('link-order', body).catch(() => undefined)}
      />
      <EscalateDialog
        opened={dialog === 'escalate'}
        pending={command.isPending}
        error={dialogError}
        onClose={() => setDialog(null)}
        onEscalate={(serviceCode, summary) => void run('escalate', { serviceCode, summary }).catch(() => undefined)}
      />
      <TextCommandDialog
        opened={dialog === 'close'}
        title={t('action.close')}
        label={t('close.reason')}
        submitLabel={t('action.close')}
        maxLength={1000}
        pending={command.isPending}
        error={dialogError}
        onClose={() => setDialog(null)}
        onSubmit={(reason) => void run('close', { reason }).catch(() => undefined)}
      />
    </Stack>
  );
}
