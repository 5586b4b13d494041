import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../api/queries';
import { ProblemAlert } from './problem-alert';

/** Escalate to an incident for a catalogue service (its work group takes it), with a summary for L3. */
export function EscalateDialog(props: {
  opened: boolean;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onEscalate: (serviceCode: number, summary: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const [code, setCode] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('action.escalate')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code) props.onEscalate(Number(code), summary.trim() || undefined);
        }}
      >
        <Stack>
          <Select
            label={t('escalate.service')}
            placeholder={t('escalate.servicePlaceholder')}
            searchable
            required
            data-autofocus
            value={code}
            onChange={setCode}
            data={(services.data ?? []).map((s) => ({ value: String(s.code), label: `${s.code} · ${s.name} (${s.workGroupName})` }))}
            nothingFoundMessage={t('escalate.noServices')}
          />
          <Textarea
            label={t('escalate.summary')}
            description={t('escalate.summaryHint')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            maxLength={5000}
            autosize
            minRows={3}
            maxRows={10}
          />
          <ProblemAlert error={props.error ?? services.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} disabled={!code}>
              {t('action.escalate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
