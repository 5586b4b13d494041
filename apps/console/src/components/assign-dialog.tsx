import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-provider';
import { ProblemAlert } from './problem-alert';
import { UserPicker } from './user-picker';
import type { Candidates } from './user-picker';

/** Assign to me, or to someone picked from the user directory (only those the API would accept). */
export function AssignDialog(props: {
  opened: boolean;
  canAssignSelf: boolean;
  candidates: Candidates;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onAssign: (assigneeId: string) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const [assignee, setAssignee] = useState<string | null>(null);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('action.assign')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (assignee) props.onAssign(assignee);
        }}
      >
        <Stack>
          {props.canAssignSelf && principal && (
            <Button variant="light" onClick={() => props.onAssign(principal.userId)} loading={props.pending} data-testid="assign-to-me">
              {t('assign.toMe')}
            </Button>
          )}
          <UserPicker
            label={t('assign.assignee')}
            description={t('assign.assigneeHint')}
            value={assignee}
            onChange={setAssignee}
            candidates={props.candidates}
            required
            autoFocus
          />
          <ProblemAlert error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} disabled={!assignee}>
              {t('action.assign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
