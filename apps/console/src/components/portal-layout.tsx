import { AppShell, Button, Container, Group, Menu, Text, Title, UnstyledButton } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { usePortalMe } from '../api/portal';
import { NotLinked } from '../screens/portal/not-linked';
import { useAuth } from '../auth/auth-provider';
import { ConnectionBanner } from './connection-banner';
import { LanguageSwitch } from './language-switch';
import { QueryState } from './query-state';

/**
 * The residents' portal's own frame (ADR 0030), mobile first: a narrow column, the sections as
 * large buttons under the title, the language switch and the sign-out in the header.
 */
export function PortalLayout() {
  const { t } = useTranslation();
  const { principal, signOut } = useAuth();
  const me = usePortalMe();
  const inviting = useLocation().pathname.includes('/portal/invite/');
  const links = [
    { to: '/portal', label: t('portal.nav.requests'), end: true },
    { to: '/portal/new', label: t('portal.nav.newRequest') },
    { to: '/portal/passes', label: t('portal.nav.passes') },
    { to: '/portal/notices', label: t('portal.nav.notices') },
  ];
  return (
    <AppShell header={{ height: 56 }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Title order={1} size="h5">
            {t('portal.title')}
          </Title>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={`${principal?.username ?? ''} · ${t('nav.userMenu')}`} data-testid="user-menu">
                  <Text size="sm" fw={600} maw={110} truncate>
                    {principal?.username}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void signOut()}>{t('nav.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xs" px={0}>
          <ConnectionBanner />
          <nav aria-label={t('portal.nav.label')}>
            <Group gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} mb="sm" wrap="wrap">
              {links.map((link) => (
                <li key={link.to}>
                  <Button component={NavLink} to={link.to} end={link.end} variant="subtle" size="sm">
                    {link.label}
                  </Button>
                </li>
              ))}
            </Group>
          </nav>
          {/* AppShell.Main is the page's <main>: one landmark, not two nested. */}
          <div>
            <Suspense
              fallback={
                <QueryState isLoading error={null}>
                  {null}
                </QueryState>
              }
            >
              {inviting ? (
                <Outlet />
              ) : (
                <QueryState isLoading={me.isLoading} error={me.error} retry={() => void me.refetch()}>
                  {me.data?.linked ? <Outlet /> : <NotLinked />}
                </QueryState>
              )}
            </Suspense>
          </div>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
