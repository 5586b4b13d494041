import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert';

/** A command that needs words: a close reason, a hold reason, a resolution, a narrative entry. */
export function TextCommandDialog(props: {
  opened: boolean;
  title: string;
  label: string;
  submitLabel: string;
  maxLength: number;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(text.trim());
        }}
      >
        <Stack>
          <Textarea
            label={props.label}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={props.maxLength}
            data-autofocus
          />
          <ProblemAlert error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} disabled={!text.trim()}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
