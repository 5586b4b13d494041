import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunicationTypes, useRequestCommunication } from '../api/communications';
import { useAuth } from '../auth/auth-provider';
import { notifyDone } from './notify';
import { ProblemAlert } from './problem-alert';

/**
 * Send a communication to a client now, or book it for a later time: the department (one of the
 * operator's), the type (operators: personal only — the API says so too), the text.
 */
export function SendCommunicationDialog({ opened, onClose, clientId = '' }: { opened: boolean; onClose: () => void; clientId?: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const admin = Boolean(principal?.roles.includes('CommunicationsAdmin'));
  const manager = Boolean(principal?.roles.includes('HelpDeskManager'));
  const types = useCommunicationTypes();
  const departments = principal?.departments ?? [];
  const [department, setDepartment] = useState<string>(departments[0] ?? '');
  const [client, setClient] = useState(clientId);
  const [type, setType] = useState<string>('personal');
  const [text, setText] = useState('');
  const [sendAt, setSendAt] = useState('');
  const send = useRequestCommunication();
  const allowedTypes = (types.data ?? []).filter((ty) => ty.status === 'active' && (admin || manager || ty.code === 'personal'));
  const submit = () =>
    send.mutate(
      {
        department,
        clientId: client.trim(),
        communicationType: type,
        text,
        ...(sendAt ? { sendAt: new Date(sendAt).toISOString() } : {}),
      },
      {
        onSuccess: () => {
          notifyDone(t, sendAt ? 'bookCommunication' : 'sendCommunication');
          setText('');
          setSendAt('');
          onClose();
        },
      },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={t('communications.send.title')}>
      <Stack>
        <ProblemAlert error={send.error} />
        {admin && departments.length === 0 ? (
          <TextInput label={t('communications.department')} value={department} onChange={(e) => setDepartment(e.currentTarget.value)} required />
        ) : (
          <Select
            label={t('communications.department')}
            data={departments}
            value={department}
            onChange={(value) => setDepartment(value ?? '')}
            allowDeselect={false}
            data-testid="send-department"
          />
        )}
        <TextInput label={t('communications.client')} value={client} onChange={(e) => setClient(e.currentTarget.value)} required data-testid="send-client" />
        <Select
          label={t('communications.type')}
          data={allowedTypes.map((ty) => ({ value: ty.code, label: t(`communications.types.${ty.code}`, { defaultValue: ty.name }) }))}
          value={type}
          onChange={(value) => setType(value ?? 'personal')}
          allowDeselect={false}
          data-testid="send-type"
        />
        <Textarea
          label={t('communications.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          required
          data-testid="send-text"
        />
        <TextInput
          type="datetime-local"
          label={t('communications.send.at')}
          description={t('communications.send.atHint')}
          value={sendAt}
          onChange={(e) => setSendAt(e.currentTarget.value)}
          data-testid="send-at"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={send.isPending} disabled={!department || !client.trim() || !text.trim()} data-testid="send-submit">
            {sendAt ? t('communications.send.book') : t('communications.send.now')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
