import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import { ProblemAlert } from './problem-alert';

/**
 * The reply box. The text stays until the API accepted it: a refused or conflicting send keeps
 * what the operator wrote. Ctrl+Enter sends.
 */
export function ReplyComposer({ pending, error, onSend }: { pending: boolean; error: unknown; onSend: (text: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = async () => {
    if (!text.trim()) return;
    try {
      await onSend(text.trim());
      setText('');
    } catch {
      // Shown below; the text is kept.
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('reply.label')}
          placeholder={t('reply.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
          }}
          autosize
          minRows={2}
          maxLength={4000}
        />
        {!(isApiError(error) && error.status === 409) && <ProblemAlert error={error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={pending} disabled={!text.trim()}>
            {t('reply.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
