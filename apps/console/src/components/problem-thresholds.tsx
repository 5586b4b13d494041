import { Button, Group, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemThresholds, useSetProblemThreshold } from '../api/problems';
import { useServices } from '../api/queries';
import { notifyDone } from './notify';
import { ProblemAlert } from './problem-alert';
import { QueryState } from './query-state';

/** Managers: when incidents of a service open a problem by themselves (the default, and a service's own). */
export function ProblemThresholds() {
  const { t } = useTranslation();
  const thresholds = useProblemThresholds();
  const services = useServices();
  const [serviceCode, setServiceCode] = useState<string | null>(null);
  const [incidents, setIncidents] = useState<number | string>(10);
  const [windowMinutes, setWindowMinutes] = useState<number | string>(15);
  const change = useSetProblemThreshold(() => notifyDone(t, 'set-threshold'));
  const nameOf = (code: number) => services.data?.find((s) => s.code === code)?.name ?? '';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="thresholds-title">
      <Title order={3} size="h4" id="thresholds-title" mb="xs">
        {t('problems.thresholds')}
      </Title>
      <QueryState isLoading={thresholds.isLoading} error={thresholds.error} retry={() => void thresholds.refetch()}>
        {thresholds.data && (
          <Stack gap="sm">
            <Text size="sm">
              {t('problems.thresholdDefault', { incidents: thresholds.data.default.incidents, minutes: thresholds.data.default.windowMinutes })}
            </Text>
            {thresholds.data.services.length > 0 && (
              <Table data-testid="problem-thresholds">
                <Table.Caption>{t('problems.thresholds')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('incident.service')}</Table.Th>
                    <Table.Th scope="col">{t('problems.thresholdIncidents')}</Table.Th>
                    <Table.Th scope="col">{t('problems.thresholdWindow')}</Table.Th>
                    <Table.Th scope="col">{t('routing.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {thresholds.data.services.map((s) => (
                    <Table.Tr key={s.serviceCode ?? 0}>
                      <Table.Td>{`${s.serviceCode} · ${nameOf(s.serviceCode ?? 0)}`}</Table.Td>
                      <Table.Td>{s.incidents}</Table.Td>
                      <Table.Td>{s.windowMinutes}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          disabled={change.isPending}
                          onClick={() => change.mutate({ serviceCode: s.serviceCode ?? 0 })}
                        >
                          {t('problems.thresholdRemove')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (serviceCode) change.mutate({ serviceCode: Number(serviceCode), incidents: Number(incidents), windowMinutes: Number(windowMinutes) });
              }}
            >
              <Group align="flex-end" gap="sm">
                <Select
                  label={t('incident.service')}
                  searchable
                  data={(services.data ?? []).map((s) => ({ value: String(s.code), label: `${s.code} · ${s.name}` }))}
                  value={serviceCode}
                  onChange={setServiceCode}
                />
                <NumberInput label={t('problems.thresholdIncidents')} min={1} max={10_000} value={incidents} onChange={setIncidents} w={140} />
                <NumberInput label={t('problems.thresholdWindow')} min={1} max={1440} value={windowMinutes} onChange={setWindowMinutes} w={140} />
                <Button type="submit" variant="light" loading={change.isPending} disabled={!serviceCode}>
                  {t('problems.thresholdSet')}
                </Button>
              </Group>
            </form>
            <ProblemAlert error={change.error} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
