import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './components/Layout';
import { RequireAdmin } from './components/RequireAdmin';
import { RequireSession } from './components/RequireSession';
import { AccountPage } from './pages/AccountPage';
import { AdminAccountPage } from './pages/AdminAccountPage';
import { AdminAccountsPage } from './pages/AdminAccountsPage';
import { AdminServicesPage } from './pages/AdminServicesPage';
import { AdminTierPage } from './pages/AdminTierPage';
import { AdminTiersPage } from './pages/AdminTiersPage';
import { ConsentPage } from './pages/ConsentPage';
import { ErrorPage } from './pages/ErrorPage';
import { HomePage } from './pages/HomePage';
import { MembershipPage } from './pages/MembershipPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { StepUpPage } from './pages/StepUpPage';

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
          { path: 'setup', element: <SetupPage /> },
          {
            path: 'account',
            element: (
              <RequireSession>
                <AccountPage />
              </RequireSession>
            ),
          },
          {
            path: 'account/membership',
            element: (
              <RequireSession>
                <MembershipPage />
              </RequireSession>
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
              { index: true, element: <Navigate to="services" replace /> },
              {
                path: 'services',
                element: (
                  <RequireSession>
                    <RequireAdmin>
                      <AdminServicesPage />
                    </RequireAdmin>
                  </RequireSession>
                ),
              },
              {
                path: 'accounts',
                element: (
                  <RequireSession>
                    <RequireAdmin>
                      <AdminAccountsPage />
                    </RequireAdmin>
                  </RequireSession>
                ),
              },
              {
                path: 'tiers',
                element: (
                  <RequireSession>
                    <RequireAdmin>
                      <AdminTiersPage />
                    </RequireAdmin>
                  </RequireSession>
                ),
              },
              {
                path: 'tiers/new',
                element: (
                  <RequireSession>
                    <RequireAdmin>
                      <AdminTierPage />
                    </RequireAdmin>
                  </RequireSession>
                ),
              },
              {
                path: 'tiers/:id',
                element: (
                  <RequireSession>
                    <RequireAdmin>
                      <AdminTierPage />
                    </RequireAdmin>
                  </RequireSession>
                ),
              },
              {
                path: 'accounts/:id',
                element: (
                  <RequireSession>
                    <RequireAdmin>
                      <AdminAccountPage />
                    </RequireAdmin>
                  </RequireSession>
                ),
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
