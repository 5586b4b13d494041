import { Anchor, AppShell, Button, Group, Menu, Text, Title, UnstyledButton } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet } from 'react-router';
import { mayReadSurveyResults } from '../api/surveys';
import { useAuth } from '../auth/auth-provider';
import {
  guardsDesk,
  isManager,
  isResidentAccount,
  issuesPasses,
  mayAdministerTemplates,
  mayAdministerAccess,
  mayManageApiKeys,
  dispatchesSiteRequests,
  mayReadEstate,
  worksOnlyAtDesk,
} from '../auth/principal';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { ConnectionBanner } from './connection-banner';
import { LanguageSwitch } from './language-switch';
import { PresenceSwitch } from './presence-switch';
import { QueryState } from './query-state';
import { ScreenPops } from './screen-pops';
import { DirectoryNamesProvider } from './user-ref';

/** Header with the sections this operator may use, the language switch and the user menu. */
export function AppLayout() {
  const { t } = useTranslation();
  const { principal, signOut } = useAuth();
  const config = useRuntimeConfig();
  // A resident signs in to the same console and lands on their portal: the operators' screens are not theirs.
  if (isResidentAccount(principal)) return <Navigate to="/portal" replace />;
  const links = [
    ...(worksOnlyAtDesk(principal)
      ? []
      : [
          { to: '/', label: t('nav.myWork'), end: true },
          { to: '/clients', label: t('nav.clients') },
          ...(mayReadEstate(principal) ? [{ to: '/sites', label: t('nav.sites') }] : []),
          { to: '/problems', label: t('nav.problems') },
        ]),
    ...(guardsDesk(principal) ? [{ to: '/security-desk', label: t('nav.securityDesk') }] : []),
    ...(issuesPasses(principal) ? [{ to: '/passes', label: t('nav.passes') }] : []),
    ...(worksOnlyAtDesk(principal) && dispatchesSiteRequests(principal) ? [{ to: '/requests', label: t('nav.siteRequests') }] : []),
    ...(principal && isManager(principal) ? [{ to: '/team', label: t('nav.team') }] : []),
    ...(principal?.roles.includes('HelpDeskManager') ? [{ to: '/routing', label: t('nav.routing') }] : []),
    ...(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'SL3Manager') ? [{ to: '/sla', label: t('nav.sla') }] : []),
    ...(principal && isManager(principal) ? [{ to: '/auto-assignment', label: t('nav.autoAssignment') }] : []),
    ...(mayAdministerTemplates(principal) ? [{ to: '/communication-templates', label: t('nav.templates') }] : []),
    ...(principal?.roles.some((r) => r === 'HelpDeskUser' || r === 'HelpDeskManager' || r === 'CommunicationsAdmin')
      ? [{ to: '/communications', label: t('nav.communications') }]
      : []),
    ...(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'CommunicationsAdmin') ? [{ to: '/mailings', label: t('nav.mailings') }] : []),
    ...(mayReadSurveyResults(principal?.roles) ? [{ to: '/surveys', label: t('nav.surveys') }] : []),
    ...(mayManageApiKeys(principal) ? [{ to: '/api-keys', label: t('nav.apiKeys') }] : []),
    ...(mayAdministerAccess(principal) ? [{ to: '/access', label: t('nav.access') }] : []),
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
                    <Button component={NavLink} to={link.to} end={link.end} variant="subtle" size="compact-sm">
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
            {principal && principal.roles.length > 0 && !worksOnlyAtDesk(principal) && <PresenceSwitch />}
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
      <DirectoryNamesProvider>
        <AppShell.Main>
          <ConnectionBanner />
          {/* Help-desk operators take calls: their rings pop up here. */}
          {principal && !worksOnlyAtDesk(principal) && <ScreenPops />}
          {/* AppShell.Main is the page's <main>: one landmark, not two nested. */}
          <div>
            <Suspense
              fallback={
                <QueryState isLoading error={null}>
                  {null}
                </QueryState>
              }
            >
              <Outlet />
            </Suspense>
          </div>
        </AppShell.Main>
      </DirectoryNamesProvider>
    </AppShell>
  );
}
