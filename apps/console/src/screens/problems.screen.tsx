import { Anchor, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
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
import { ListTable } from '../components/list-table';
import { QueryState } from '../components/query-state';
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
        <ListTable
          testId="problem-table"
          caption={t('problems.title')}
          columns={[
            t('problems.titleField'),
            t('request.state'),
            t('incident.service'),
            t('problems.origin'),
            t('problems.incidents'),
            t('problems.requests'),
            t('problems.openedAt'),
          ]}
          empty={t('problems.empty')}
          isEmpty={items.length === 0}
          minWidth={800}
        >
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
        </ListTable>
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
