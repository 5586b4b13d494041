import { Anchor, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useProblemCommand, useProblems } from '../api/problems';
import { useServices } from '../api/queries';
import { useAuth } from '../auth/auth-provider';
import { isManager } from '../auth/principal';
import { notifyDone } from '../components/notify';
import { ProblemAlert } from '../components/problem-alert';
import { ProblemThresholds } from '../components/problem-thresholds';
import { EmptyState, QueryState } from '../components/query-state';
import { StateBadge } from '../components/state-badge';
import { useFormat } from '../i18n/format';

/** Problems (mass incidents): the list, newest first; managers open one by hand. */
export default function ProblemsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const { principal } = useAuth();
  const manager = Boolean(principal && isManager(principal));
  const [opening, setOpening] = useState(false);
  const problems = useProblems();
  const items = problems.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('problems.title')}</Title>
        {manager && <Button onClick={() => setOpening(true)}>{t('problems.open')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('problems.intro')}
      </Text>
      <QueryState isLoading={problems.isLoading} error={problems.error} retry={() => void problems.refetch()}>
        <Paper withBorder p="md">
          {items.length === 0 ? (
            <EmptyState>{t('problems.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover data-testid="problem-table">
                <Table.Caption>{t('problems.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('problems.titleField')}</Table.Th>
                    <Table.Th scope="col">{t('request.state')}</Table.Th>
                    <Table.Th scope="col">{t('incident.service')}</Table.Th>
                    <Table.Th scope="col">{t('problems.origin')}</Table.Th>
                    <Table.Th scope="col">{t('problems.incidents')}</Table.Th>
                    <Table.Th scope="col">{t('problems.requests')}</Table.Th>
                    <Table.Th scope="col">{t('problems.openedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id} data-problem-id={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/problems/${p.id}`}>
                          {p.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StateBadge state={p.state} />
                      </Table.Td>
                      <Table.Td>{`${p.serviceCode} · ${p.serviceName ?? ''}`}</Table.Td>
                      <Table.Td>{t(`problems.originOf.${p.origin}`)}</Table.Td>
                      <Table.Td>{p.incidentCount}</Table.Td>
                      <Table.Td>{p.requestCount}</Table.Td>
                      <Table.Td title={f.dateTime(p.openedAt)}>{f.ago(p.openedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </QueryState>
      {manager && <ProblemThresholds />}
      {opening && <OpenProblemDialog onClose={() => setOpening(false)} />}
    </Stack>
  );
}

function OpenProblemDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const services = useServices();
  const [serviceCode, setServiceCode] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const command = useProblemCommand((accepted) => {
    notifyDone(t, 'open-problem');
    onClose();
    void navigate(`/problems/${accepted.id}?minPosition=${accepted.position ?? ''}`);
  });
  return (
    <Modal opened onClose={onClose} title={t('problems.open')} closeButtonProps={{ 'aria-label': t('common.closeDialog') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (serviceCode && title.trim()) command.mutate({ action: 'open', serviceCode: Number(serviceCode), title: title.trim() });
        }}
      >
        <Stack>
          <Select
            label={t('incident.service')}
            required
            searchable
            data={(services.data ?? []).map((s) => ({ value: String(s.code), label: `${s.code} · ${s.name}` }))}
            value={serviceCode}
            onChange={setServiceCode}
          />
          <TextInput label={t('problems.titleField')} required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <ProblemAlert error={command.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={command.isPending} disabled={!serviceCode || !title.trim()}>
              {t('problems.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
