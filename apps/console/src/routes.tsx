import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout';
import { PortalLayout } from './components/portal-layout';
import { NotFoundScreen } from './screens/not-found.screen';

// Screens load on first visit: the first paint needs only the shell and the queue.
const MyWorkScreen = lazy(() => import('./screens/my-work.screen'));
const RequestListScreen = lazy(() => import('./screens/request-list.screen'));
const IncidentListScreen = lazy(() => import('./screens/incident-list.screen'));
const RequestCardScreen = lazy(() => import('./screens/request-card.screen'));
const IncidentCardScreen = lazy(() => import('./screens/incident-card.screen'));
const ClientsScreen = lazy(() => import('./screens/clients.screen'));
const ClientCardScreen = lazy(() => import('./screens/client-card.screen'));
const TeamLoadScreen = lazy(() => import('./screens/team-load.screen'));
const RoutingRulesScreen = lazy(() => import('./screens/routing-rules.screen'));
const AccessScreen = lazy(() => import('./screens/access.screen'));
const SlaPoliciesScreen = lazy(() => import('./screens/sla-policies.screen'));
const ProblemsScreen = lazy(() => import('./screens/problems.screen'));
const ProblemCardScreen = lazy(() => import('./screens/problem-card.screen'));
const AutoAssignmentScreen = lazy(() => import('./screens/auto-assignment.screen'));
const CommunicationTemplatesScreen = lazy(() => import('./screens/communication-templates.screen'));
const CommunicationsScreen = lazy(() => import('./screens/communications.screen'));
const CommunicationCardScreen = lazy(() => import('./screens/communication-card.screen'));
const CommunicationSettingsScreen = lazy(() => import('./screens/communication-settings.screen'));
const MailingsScreen = lazy(() => import('./screens/mailings.screen'));
const MailingCardScreen = lazy(() => import('./screens/mailing-card.screen'));
const QuestionnairesScreen = lazy(() => import('./screens/questionnaires.screen'));
const SurveyResultsScreen = lazy(() => import('./screens/survey-results.screen'));
const ApiKeysScreen = lazy(() => import('./screens/api-keys.screen'));
const SitesScreen = lazy(() => import('./screens/estate/sites.screen'));
const SiteScreen = lazy(() => import('./screens/estate/site.screen'));
const BuildingGridScreen = lazy(() => import('./screens/estate/building-grid.screen'));
const UnitCardScreen = lazy(() => import('./screens/estate/unit-card.screen'));
const SiteSlaScreen = lazy(() => import('./screens/estate/site-sla.screen'));
const SecurityDeskScreen = lazy(() => import('./screens/security-desk.screen'));
const PassesScreen = lazy(() => import('./screens/passes.screen'));
const PortalRequestsScreen = lazy(() => import('./screens/portal/portal-requests.screen'));
const PortalNewRequestScreen = lazy(() => import('./screens/portal/portal-new-request.screen'));
const PortalRequestScreen = lazy(() => import('./screens/portal/portal-request.screen'));
const PortalPassesScreen = lazy(() => import('./screens/portal/portal-passes.screen'));
const PortalNoticesScreen = lazy(() => import('./screens/portal/portal-notices.screen'));
const PortalInviteScreen = lazy(() => import('./screens/portal/portal-invite.screen'));

/**
 * Every console page, under /console/ (Grafana links to /console/requests/:id and /console/incidents/:id);
 * the residents' portal has its own frame under /console/portal/ (ADR 0030).
 */
export const routes: RouteObject[] = [
  {
    path: 'portal',
    element: <PortalLayout />,
    children: [
      { index: true, element: <PortalRequestsScreen /> },
      { path: 'new', element: <PortalNewRequestScreen /> },
      { path: 'requests/:id', element: <PortalRequestScreen /> },
      { path: 'passes', element: <PortalPassesScreen /> },
      { path: 'notices', element: <PortalNoticesScreen /> },
      { path: 'invite/:token', element: <PortalInviteScreen /> },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <MyWorkScreen /> },
      { path: 'requests', element: <RequestListScreen /> },
      { path: 'requests/:id', element: <RequestCardScreen /> },
      { path: 'incidents', element: <IncidentListScreen /> },
      { path: 'incidents/:id', element: <IncidentCardScreen /> },
      { path: 'clients', element: <ClientsScreen /> },
      { path: 'clients/:id', element: <ClientCardScreen /> },
      { path: 'team', element: <TeamLoadScreen /> },
      { path: 'routing', element: <RoutingRulesScreen /> },
      { path: 'access', element: <AccessScreen /> },
      { path: 'sla', element: <SlaPoliciesScreen /> },
      { path: 'problems', element: <ProblemsScreen /> },
      { path: 'problems/:id', element: <ProblemCardScreen /> },
      { path: 'auto-assignment', element: <AutoAssignmentScreen /> },
      { path: 'communication-templates', element: <CommunicationTemplatesScreen /> },
      { path: 'communications', element: <CommunicationsScreen /> },
      { path: 'communications/:id', element: <CommunicationCardScreen /> },
      { path: 'communication-settings', element: <CommunicationSettingsScreen /> },
      { path: 'mailings', element: <MailingsScreen /> },
      { path: 'mailings/:id', element: <MailingCardScreen /> },
      { path: 'surveys', element: <QuestionnairesScreen /> },
      { path: 'surveys/:id/results', element: <SurveyResultsScreen /> },
      { path: 'api-keys', element: <ApiKeysScreen /> },
      { path: 'sites', element: <SitesScreen /> },
      { path: 'sites/:siteId', element: <SiteScreen /> },
      { path: 'sites/:siteId/buildings/:buildingId', element: <BuildingGridScreen /> },
      { path: 'units/:unitId', element: <UnitCardScreen /> },
      { path: 'sites-sla', element: <SiteSlaScreen /> },
      { path: 'security-desk', element: <SecurityDeskScreen /> },
      { path: 'passes', element: <PassesScreen /> },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
