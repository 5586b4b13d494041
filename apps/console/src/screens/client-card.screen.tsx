import { Button, Grid, Group, Modal, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { call } from '../api/client';
import type { ClientCard } from '../api/models';
import { isApiError } from '../api/problem';
import { queryKeys, useClientCard } from '../api/queries';
import { useAuth } from '../auth/auth-provider';
import { isHelpDesk } from '../auth/principal';
import { ClientForm } from '../components/client-form';
import { ClientAvailabilityPanel } from '../components/client-availability-panel';
import { ClientHistory } from '../components/client-history';
import { ClientUnits } from '../components/client-units';
import { DetailRow } from '../components/detail-row';
import { IncidentTable } from '../components/incident-table';
import { ProblemAlert } from '../components/problem-alert';
import { EmptyState, QueryState } from '../components/query-state';
import { RequestTable } from '../components/request-table';
import { SendSurveyDialog } from '../components/send-survey-dialog';
import { useFormat } from '../i18n/format';

/** The client card: details (editable), orders (add one), the requests and incidents this operator may see, and the change history. */
export default function ClientCardScreen() {
  const { id = '' } = useParams();
  const card = useClientCard(id);
  return (
    <QueryState isLoading={card.isLoading} error={card.error} retry={() => void card.refetch()}>
      {card.data && <ClientCardView card={card.data} />}
    </QueryState>
  );
}

function ClientCardView({ card }: { card: ClientCard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const { principal } = useAuth();
  const [editing, edit] = useDisclosure(false);
  const [ordering, order] = useDisclosure(false);
  const [surveying, survey] = useDisclosure(false);
  const writable = principal ? isHelpDesk(principal) : false;
  // The API lets managers and CommunicationsAdmin send a survey (an operator sends personal messages only).
  const maySurvey = Boolean(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'CommunicationsAdmin'));
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.client(card.client.id) });
  const c = card.client;
  return (
    <Stack data-testid="client-card">
      <Group justify="space-between">
        <Title order={2}>{c.name}</Title>
        {(writable || maySurvey) && (
          <Group gap="xs">
            {maySurvey && (
              <Button variant="light" onClick={survey.open} data-testid="client-send-survey">
                {t('surveys.send.open')}
              </Button>
            )}
            {writable && (
              <>
                <Button variant="light" onClick={edit.open}>
                  {t('client.edit')}
                </Button>
                <Button onClick={order.open}>{t('order.create')}</Button>
              </>
            )}
          </Group>
        )}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" component="section" aria-label={t('details.title')}>
            <Table fz="sm" variant="vertical" layout="fixed">
              <Table.Tbody>
                <DetailRow label={t('client.phone')}>{c.phone}</DetailRow>
                <DetailRow label={t('client.email')}>{c.email ?? '—'}</DetailRow>
                <DetailRow label={t('client.inn')}>{c.inn ?? '—'}</DetailRow>
                <DetailRow label={t('client.organisation')}>{c.organisation ?? '—'}</DetailRow>
                <DetailRow label={t('client.tags')}>{c.tags.length ? c.tags.join(', ') : '—'}</DetailRow>
                {c.legacyId !== null && <DetailRow label={t('client.legacyId')}>{c.legacyId}</DetailRow>}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="orders-title">
            <Title order={3} size="h4" id="orders-title" mb="sm">
              {t('order.title')}
            </Title>
            {card.orders.length === 0 ? (
              <EmptyState>{t('order.none')}</EmptyState>
            ) : (
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('order.code')}</Table.Th>
                    <Table.Th scope="col">{t('order.name')}</Table.Th>
                    <Table.Th scope="col">{t('order.cost')}</Table.Th>
                    <Table.Th scope="col">{t('order.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {card.orders.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>{o.code}</Table.Td>
                      <Table.Td>{o.name}</Table.Td>
                      <Table.Td>{f.money(o.cost)}</Table.Td>
                      <Table.Td>{f.dateTime(o.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <Paper withBorder p="md" component="section" aria-labelledby="client-requests-title">
        <Title order={3} size="h4" id="client-requests-title" mb="sm">
          {t('queue.requests')}
        </Title>
        {card.requests.length === 0 ? (
          <EmptyState>{t('queue.emptyRequests')}</EmptyState>
        ) : (
          <RequestTable items={card.requests} caption={t('client.requestsCaption')} />
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="client-incidents-title">
        <Title order={3} size="h4" id="client-incidents-title" mb="sm">
          {t('queue.incidents')}
        </Title>
        {card.incidents.length === 0 ? (
          <EmptyState>{t('queue.emptyIncidents')}</EmptyState>
        ) : (
          <IncidentTable items={card.incidents} caption={t('client.incidentsCaption')} />
        )}
      </Paper>
      <ClientUnits clientId={c.id} />
      <ClientAvailabilityPanel clientId={c.id} />
      <Paper withBorder p="md" component="section" aria-labelledby="client-history-title">
        <Title order={3} size="h4" id="client-history-title" mb="sm">
          {t('clientHistory.title')}
        </Title>
        <ClientHistory changes={card.history} />
      </Paper>
      {editing && (
        <ClientForm
          opened
          client={c}
          onClose={edit.close}
          onSaved={() => {
            edit.close();
            void refresh();
          }}
        />
      )}
      {ordering && (
        <NewOrderDialog
          clientId={c.id}
          onClose={order.close}
          onSaved={() => {
            order.close();
            void refresh();
          }}
        />
      )}
      {maySurvey && <SendSurveyDialog opened={surveying} onClose={survey.close} clientId={c.id} />}
    </Stack>
  );
}

function NewOrderDialog({ clientId, onClose, onSaved }: { clientId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ code: '', name: '', cost: '' });
  const save = useMutation({ mutationFn: () => call('POST', '/clients/{id}/orders', { path: { id: clientId }, body: values }), onSuccess: onSaved });
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={t('order.create')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('order.code')}
            required
            value={values.code}
            error={errors.code}
            onChange={(e) => setValues({ ...values, code: e.currentTarget.value })}
            data-autofocus
          />
          <TextInput
            label={t('order.name')}
            required
            value={values.name}
            error={errors.name}
            onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
          />
          <TextInput
            label={t('order.cost')}
            required
            value={values.cost}
            error={errors.cost}
            placeholder="1234.50"
            inputMode="decimal"
            onChange={(e) => setValues({ ...values, cost: e.currentTarget.value })}
          />
          {Object.keys(errors).length === 0 && <ProblemAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
