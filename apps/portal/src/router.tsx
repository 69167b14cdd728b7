import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Permission } from './api/types';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { AdminIndex, RequireAdmin } from './components/RequireAdmin';
import { RequireSession } from './components/RequireSession';
import { AccountPage } from './pages/AccountPage';
import { AccountOverview } from './pages/account/AccountOverview';
import { AppsPage, PrivacyPage, ProfilePage, SecurityPage, SessionsPage } from './pages/account/SectionPages';
import { ConsentPage } from './pages/ConsentPage';
import { ErrorPage } from './pages/ErrorPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ForgotPasswordPage } from './pages/recovery/ForgotPasswordPage';
import { ResetPasswordPage } from './pages/recovery/ResetPasswordPage';
import { UndoEmailChangePage } from './pages/recovery/UndoEmailChangePage';
import { VerifyEmailPage } from './pages/recovery/VerifyEmailPage';
import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { StepUpPage } from './pages/StepUpPage';

// The admin console, the Membership page and Friends load on first visit, each in its own chunk: most visits need
// none of them.
const AdminAccountPage = lazy(() =>
  import('./pages/AdminAccountPage').then((m) => ({ default: m.AdminAccountPage })),
);
const AdminAccountsPage = lazy(() =>
  import('./pages/AdminAccountsPage').then((m) => ({ default: m.AdminAccountsPage })),
);
const AdminAuditPage = lazy(() =>
  import('./pages/admin/audit/AdminAuditPage').then((m) => ({ default: m.AdminAuditPage })),
);
const AdminDeletionsPage = lazy(() =>
  import('./pages/admin/deletions/AdminDeletionsPage').then((m) => ({ default: m.AdminDeletionsPage })),
);
const AdminClientsPage = lazy(() =>
  import('./pages/admin/clients/AdminClientsPage').then((m) => ({ default: m.AdminClientsPage })),
);
const AdminClientPage = lazy(() =>
  import('./pages/admin/clients/AdminClientPage').then((m) => ({ default: m.AdminClientPage })),
);
const NewClientPage = lazy(() =>
  import('./pages/admin/clients/NewClientPage').then((m) => ({ default: m.NewClientPage })),
);
const AdminOutboxPage = lazy(() =>
  import('./pages/AdminOutboxPage').then((m) => ({ default: m.AdminOutboxPage })),
);
const AdminOutboxMessagePage = lazy(() =>
  import('./pages/AdminOutboxMessagePage').then((m) => ({ default: m.AdminOutboxMessagePage })),
);
const AdminServicesPage = lazy(() =>
  import('./pages/AdminServicesPage').then((m) => ({ default: m.AdminServicesPage })),
);
const AdminTierPage = lazy(() => import('./pages/AdminTierPage').then((m) => ({ default: m.AdminTierPage })));
const AdminTiersPage = lazy(() =>
  import('./pages/AdminTiersPage').then((m) => ({ default: m.AdminTiersPage })),
);
const MembershipPage = lazy(() =>
  import('./pages/MembershipPage').then((m) => ({ default: m.MembershipPage })),
);
// The Friends area: one chunk for its frame and every tab, loaded on the first visit to any of them.
const friendsArea = () => import('./pages/friends');
const FriendsPage = lazy(() => friendsArea().then((m) => ({ default: m.FriendsPage })));
const FriendListPage = lazy(() => friendsArea().then((m) => ({ default: m.FriendListPage })));
const FriendGroupsPage = lazy(() => friendsArea().then((m) => ({ default: m.GroupsPage })));
const FriendRequestsPage = lazy(() => friendsArea().then((m) => ({ default: m.RequestsPage })));
const AddFriendsPage = lazy(() => friendsArea().then((m) => ({ default: m.AddFriendsPage })));
const BlockedPage = lazy(() => friendsArea().then((m) => ({ default: m.BlockedPage })));

// The Notifications pages (the bell's "See all" and the preferences its emails link to): one chunk for both.
const notificationsArea = () => import('./pages/notifications');
const NotificationsPage = lazy(() => notificationsArea().then((m) => ({ default: m.NotificationsPage })));
const NotificationPreferencesPage = lazy(() =>
  notificationsArea().then((m) => ({ default: m.PreferencesPage })),
);
// Public profiles: open to signed-out visitors too, so their code loads only when one is opened.
const PersonPage = lazy(() => import('./pages/people/PersonPage').then((m) => ({ default: m.PersonPage })));

/** A page for a signed-in account, its code loaded when first shown. */
const signedIn = (page: ReactNode) => (
  <RequireSession>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireSession>
);

/** A page of the admin console: signed in, staff with `permission`, its code loaded when first shown. */
const adminPage = (page: ReactNode, permission: Permission) =>
  signedIn(<RequireAdmin permission={permission}>{page}</RequireAdmin>);

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        // Inside the layout, so the top bar stays when a page fails.
        errorElement: <ErrorPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'signin', element: <SignInPage /> },
          { path: 'signin/step-up', element: <StepUpPage /> },
          { path: 'signup', element: <SignUpPage /> },
          // Recovery: the pages emailed links open (each spends its link only when its button is pressed).
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'email/undo', element: <UndoEmailChangePage /> },
          { path: 'setup', element: <SetupPage /> },
          {
            // The account center: its frame and navigation, and one section per address (docs/account-center.md).
            path: 'account',
            element: (
              <RequireSession>
                <AccountPage />
              </RequireSession>
            ),
            children: [
              { index: true, element: <AccountOverview /> },
              { path: 'profile', element: <ProfilePage /> },
              { path: 'security', element: <SecurityPage /> },
              { path: 'sessions', element: <SessionsPage /> },
              { path: 'apps', element: <AppsPage /> },
              { path: 'privacy', element: <PrivacyPage /> },
              {
                path: 'membership',
                element: (
                  <Suspense fallback={<Loading />}>
                    <MembershipPage />
                  </Suspense>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
          {
            // Friends (issue 19): the friends by group, groups, requests, adding friends, blocked and muted.
            path: 'friends',
            element: signedIn(<FriendsPage />),
            children: [
              { index: true, element: <FriendListPage /> },
              { path: 'groups', element: <FriendGroupsPage /> },
              { path: 'requests', element: <FriendRequestsPage /> },
              { path: 'add', element: <AddFriendsPage /> },
              { path: 'blocked', element: <BlockedPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
          {
            // The bell's pages (issue 19): every notification, and what reaches the reader how.
            path: 'notifications',
            children: [
              { index: true, element: signedIn(<NotificationsPage />) },
              { path: 'preferences', element: signedIn(<NotificationPreferencesPage />) },
            ],
          },
          {
            // A profile as the visitor may see it (signed out too).
            path: 'u/:accountNumber',
            element: (
              <Suspense fallback={<Loading />}>
                <PersonPage />
              </Suspense>
            ),
          },
          {
            path: 'consent',
            element: (
              <RequireSession>
                <ConsentPage />
              </RequireSession>
            ),
          },
          {
            path: 'admin',
            children: [
              { index: true, element: signedIn(<AdminIndex />) },
              {
                path: 'services',
                element: adminPage(<AdminServicesPage />, 'services:write'),
              },
              {
                path: 'accounts',
                element: adminPage(<AdminAccountsPage />, 'accounts:read'),
              },
              { path: 'clients', element: adminPage(<AdminClientsPage />, 'clients:write') },
              { path: 'clients/new', element: adminPage(<NewClientPage />, 'clients:write') },
              { path: 'clients/:id', element: adminPage(<AdminClientPage />, 'clients:write') },
              {
                path: 'tiers',
                element: adminPage(<AdminTiersPage />, 'tiers:write'),
              },
              {
                path: 'tiers/new',
                element: adminPage(<AdminTierPage />, 'tiers:write'),
              },
              {
                path: 'tiers/:id',
                element: adminPage(<AdminTierPage />, 'tiers:write'),
              },
              {
                path: 'accounts/:id',
                element: adminPage(<AdminAccountPage />, 'accounts:read'),
              },
              {
                path: 'audit',
                element: adminPage(<AdminAuditPage />, 'audit:read'),
              },
              {
                path: 'outbox',
                element: adminPage(<AdminOutboxPage />, 'outbox:read'),
              },
              {
                path: 'outbox/:id',
                element: adminPage(<AdminOutboxMessagePage />, 'outbox:read'),
              },
              { path: 'deletions', element: adminPage(<AdminDeletionsPage />, 'accounts:delete') },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
