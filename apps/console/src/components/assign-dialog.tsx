import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-provider';
import { ProblemAlert } from './problem-alert';

/**
 * Assign to me, or to a user id typed in. Phase 2 replaces the text input with the user-directory
 * picker (GET /directory/users filtered by role and department / work group).
 */
export function AssignDialog(props: { opened: boolean; canAssignSelf: boolean; pending: boolean; error: unknown; onClose: () => void; onAssign: (assigneeId: string) => void }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const [assignee, setAssignee] = useState('');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('action.assign')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onAssign(assignee.trim());
        }}
      >
        <Stack>
          {props.canAssignSelf && principal && (
            <Button variant="light" onClick={() => props.onAssign(principal.userId)} loading={props.pending} data-testid="assign-to-me">
              {t('assign.toMe')}
            </Button>
          )}
          <TextInput label={t('assign.userId')} description={t('assign.userIdHint')} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} required data-autofocus />
          <Text size="xs" c="dimmed">
            {t('assign.directoryLater')}
          </Text>
          <ProblemAlert error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} disabled={!assignee.trim()}>
              {t('action.assign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
