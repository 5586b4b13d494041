import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { StoredFile } from './stored-file';
import { useTranslation } from 'react-i18next';
import type { ConversationEntry } from '../api/models';
import { useFormat } from '../i18n/format';
import { EmptyState } from './query-state';
import { UserRef } from './user-ref';

const deliveryColor = { pending: 'gray', scheduled: 'yellow', sent: 'blue', delivered: 'teal', failed: 'red' } as const;

/** Why a reply waits, in words; an unknown reason as it came. */
const scheduledBecause = ['quiet-hours', 'client-unavailable', 'rate-limit', 'requested'];

/** The request's messages in order: the client's, the operators' replies (with their delivery outcome), notifications. */
export function Conversation({ entries }: { entries: readonly ConversationEntry[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (entries.length === 0) return <EmptyState>{t('conversation.empty')}</EmptyState>;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('conversation.title')}>
      {entries.map((m) => {
        const inbound = m.kind === 'inbound';
        return (
          <li key={`${m.revision}-${m.messageId}`} data-kind={m.kind}>
            <Paper withBorder p="sm" ml={inbound ? 0 : 'xl'} mr={inbound ? 'xl' : 0} bg={inbound ? undefined : 'var(--mantine-color-blue-light)'}>
              <Group justify="space-between" gap="xs" mb={4}>
                <Text size="xs" fw={600}>
                  {inbound ? t('conversation.client') : m.kind === 'reply' ? <UserRef id={m.by} name={m.byName} /> : t('conversation.notification')} ·{' '}
                  {t(`channel.${m.channel}`, { defaultValue: m.channel })}
                </Text>
                <Text size="xs" c="dimmed">
                  <time dateTime={m.at}>{f.dateTime(m.at)}</time>
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {m.text}
              </Text>
              {m.attachments.length > 0 && (
                <List size="xs" mt={4} aria-label={t('conversation.attachments')}>
                  {m.attachments.map((a) => (
                    <List.Item key={a.fileId}>
                      <StoredFile attachment={a} />
                    </List.Item>
                  ))}
                </List>
              )}
              {m.delivery && (
                <Badge
                  size="xs"
                  mt={6}
                  variant="light"
                  color={deliveryColor[m.delivery.state]}
                  title={m.delivery.reason ?? undefined}
                  data-testid="delivery"
                  data-state={m.delivery.state}
                >
                  {m.delivery.state === 'scheduled' && m.delivery.at
                    ? t('delivery.scheduled', { time: f.dateTime(m.delivery.at) })
                    : t(`delivery.${m.delivery.state}`)}
                  {m.delivery.reason
                    ? `: ${m.delivery.state === 'scheduled' && scheduledBecause.includes(m.delivery.reason) ? t(`delivery.scheduledBecause.${m.delivery.reason}`) : m.delivery.reason}`
                    : ''}
                </Badge>
              )}
            </Paper>
          </li>
        );
      })}
    </Stack>
  );
}
