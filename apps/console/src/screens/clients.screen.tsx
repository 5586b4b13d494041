import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { clientHitName, isLegacyHit } from '../api/models';
import { useClientSearchPages } from '../api/queries';
import { useAuth } from '../auth/auth-provider';
import { isHelpDesk } from '../auth/principal';
import { ClientForm } from '../components/client-form';
import { EmptyState, QueryState } from '../components/query-state';

/** Find a client by name words (ours and the LegacyDB merged) or phone prefix; create one. */
export default function ClientsScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { principal } = useAuth();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const result = useClientSearchPages(q);
  const [creating, { open, close }] = useDisclosure(false);
  const pages = result.data?.pages ?? [];
  const hits = pages.flatMap((page) => page.items);
  const total = pages[0]?.total;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('clients.title')}</Title>
        {principal && isHelpDesk(principal) && <Button onClick={open}>{t('client.create')}</Button>}
      </Group>
      <TextInput
        label={t('clients.search')}
        description={t('clients.searchHint')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={480}
        type="search"
      />
      {q.trim().length >= 2 && total !== undefined && (
        <Text size="sm" c="dimmed" data-testid="clients-total">
          {total === '1000+' ? t('clients.foundMany') : t('clients.found', { count: total, formatted: total.toLocaleString(i18n.language) })}
        </Text>
      )}
      {pages[0]?.partial && (
        <Badge color="dark" variant="outline" data-testid="partial-badge">
          {t('linkClient.partial')}
        </Badge>
      )}
      {q.trim().length < 2 ? (
        <EmptyState>{t('clients.typeToSearch')}</EmptyState>
      ) : (
        <QueryState isLoading={result.isLoading} error={result.error} retry={() => void result.refetch()}>
          {hits.length === 0 ? (
            <EmptyState>{t('linkClient.none')}</EmptyState>
          ) : (
            <Table striped highlightOnHover>
              <Table.Caption>{t('clients.results')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('client.name')}</Table.Th>
                  <Table.Th scope="col">{t('client.phone')}</Table.Th>
                  <Table.Th scope="col">{t('client.email')}</Table.Th>
                  <Table.Th scope="col">{t('client.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {hits.map((hit) => (
                  <Table.Tr key={hit.id ?? `legacy-${hit.legacyId}`}>
                    <Table.Td>
                      {isLegacyHit(hit) ? (
                        clientHitName(hit)
                      ) : (
                        <Anchor component={Link} to={`/clients/${hit.id}`}>
                          {clientHitName(hit)}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td>{hit.phone ?? hit.recordedPhone ?? ''}</Table.Td>
                    <Table.Td>{hit.email ?? ''}</Table.Td>
                    <Table.Td>
                      {isLegacyHit(hit) ? (
                        <Badge size="xs" variant="outline">
                          {t('linkClient.legacy')}
                        </Badge>
                      ) : (
                        <Text size="xs">{t('clients.ours')}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {result.hasNextPage && (
            <Group>
              <Button variant="light" onClick={() => void result.fetchNextPage()} loading={result.isFetchingNextPage}>
                {t('queue.loadMore')}
              </Button>
            </Group>
          )}
        </QueryState>
      )}
      {creating && (
        <ClientForm
          opened
          onClose={close}
          onSaved={(id) => {
            close();
            void navigate(`/clients/${id}`);
          }}
        />
      )}
    </Stack>
  );
}
