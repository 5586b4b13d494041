import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { usePortalMe, usePortalReply, usePortalRequest } from '../../api/portal';
import { describeProblem } from '../../api/problem';
import { PhotoPicker } from '../../components/photo-picker';
import { EmptyState, QueryState } from '../../components/query-state';
import { StateBadge } from '../../components/state-badge';
import { StoredFile } from '../../components/stored-file';
import { useFormat } from '../../i18n/format';
import { PortalRatingBlock } from './portal-rating';

/** One of my requests: its status, the conversation with the management office, my answer. */
export default function PortalRequestScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [minPosition, setMinPosition] = useState(params.get('minPosition') ?? undefined);
  const request = usePortalRequest(id, minPosition);
  const me = usePortalMe();
  const reply = usePortalReply(id);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [refused, setRefused] = useState<string | null>(null);
  const r = request.data;
  const closed = r?.status === 'CLOSED';
  const send = () => {
    if (text.trim() === '') return;
    reply.mutate(
      { text: text.trim(), files },
      {
        onSuccess: (stored) => {
          setText('');
          setFiles([]);
          if (stored.position) setMinPosition(stored.position);
        },
      },
    );
  };
  return (
    <QueryState isLoading={request.isLoading} error={request.error} retry={() => void request.refetch()}>
      {r && (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
              {r.subject ?? t('portal.requests.untitled')}
            </Title>
            <div style={{ flexShrink: 0 }}>
              <StateBadge state={r.status} />
            </div>
          </Group>
          <Text size="xs" c="dimmed">
            {t('portal.request.created')} <time dateTime={r.createdAt}>{f.dateTime(r.createdAt)}</time>
          </Text>
          {r.conversation.length === 0 ? (
            <EmptyState>{t('conversation.empty')}</EmptyState>
          ) : (
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('conversation.title')}>
              {r.conversation.map((m) => {
                const mine = m.kind === 'inbound';
                return (
                  <li key={m.messageId} data-kind={m.kind}>
                    <Paper withBorder p="sm" ml={mine ? 'xl' : 0} mr={mine ? 0 : 'xl'} bg={mine ? 'var(--mantine-color-blue-light)' : undefined}>
                      <Group justify="space-between" gap="xs" mb={4}>
                        <Text size="xs" fw={600}>
                          {mine ? t('portal.request.you') : m.kind === 'reply' ? t('portal.request.office') : t('conversation.notification')}
                        </Text>
                        <Text size="xs" c="dimmed">
                          <time dateTime={m.at}>{f.dateTime(m.at)}</time>
                        </Text>
                      </Group>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {m.text}
                      </Text>
                      {m.attachments.length > 0 && (
                        <Group gap="xs" mt={6}>
                          {m.attachments.map((a) => (
                            <StoredFile key={a.fileId} attachment={a} />
                          ))}
                        </Group>
                      )}
                    </Paper>
                  </li>
                );
              })}
            </Stack>
          )}
          {closed && me.data?.ratingAvailable && <PortalRatingBlock requestId={r.id} />}
          {closed ? (
            <Text size="sm" c="dimmed">
              {t('portal.request.closed')}
            </Text>
          ) : (
            <Stack gap="xs" component="form" onSubmit={(e) => (e.preventDefault(), send())}>
              <Textarea
                label={t('portal.request.answer')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={4000}
                data-testid="answer-text"
              />
              <PhotoPicker files={files} onChange={setFiles} onRefused={setRefused} />
              {refused && (
                <Alert color="orange" role="status" withCloseButton onClose={() => setRefused(null)} closeButtonLabel={t('common.closeDialog')}>
                  {refused}
                </Alert>
              )}
              {reply.isError && (
                <Alert color="red" role="alert" title={describeProblem(reply.error, t).title}>
                  {describeProblem(reply.error, t).message}
                </Alert>
              )}
              <Button type="submit" loading={reply.isPending} disabled={text.trim() === ''}>
                {t('portal.request.send')}
              </Button>
            </Stack>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
