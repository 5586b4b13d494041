import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout';
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

/** Every console page, under /console/ (Grafana links to /console/requests/:id and /console/incidents/:id). */
export const routes: RouteObject[] = [
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
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
