import { Anchor, AppShell, Button, Group, Menu, Text, Title, UnstyledButton } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/auth-provider';
import { isManager } from '../auth/principal';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { ConnectionBanner } from './connection-banner';
import { LanguageSwitch } from './language-switch';
import { QueryState } from './query-state';

/** Header with the sections this operator may use, the language switch and the user menu. */
export function AppLayout() {
  const { t } = useTranslation();
  const { principal, signOut } = useAuth();
  const config = useRuntimeConfig();
  const links = [
    { to: '/', label: t('nav.myWork'), end: true },
    { to: '/clients', label: t('nav.clients') },
    ...(principal && isManager(principal) ? [{ to: '/team', label: t('nav.team') }] : []),
  ];
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={1} size="h4">
              <Anchor component={NavLink} to="/" underline="never" c="inherit">
                Switchboard
              </Anchor>
            </Title>
            <nav aria-label={t('nav.main')}>
              <Group gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {links.map((link) => (
                  <li key={link.to}>
                    <Button component={NavLink} to={link.to} end={link.end} variant="subtle" size="sm">
                      {link.label}
                    </Button>
                  </li>
                ))}
                {principal && isManager(principal) && config.grafanaUrl && (
                  <li>
                    <Button component="a" href={config.grafanaUrl} target="_blank" rel="noreferrer" variant="subtle" size="sm">
                      {t('nav.grafana')}
                    </Button>
                  </li>
                )}
              </Group>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={`${principal?.username ?? ''} · ${t('nav.userMenu')}`} data-testid="user-menu">
                  <Text size="sm" fw={600}>
                    {principal?.username}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{principal?.roles.map((r) => t(`role.${r}`)).join(', ')}</Menu.Label>
                <Menu.Item onClick={() => void signOut()}>{t('nav.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <ConnectionBanner />
        <main>
          <Suspense fallback={<QueryState isLoading error={null}>{null}</QueryState>}>
            <Outlet />
          </Suspense>
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
