import './i18n';
import '@orbit/ui/styles/tokens.css';
import '@orbit/ui/styles/base.css';
import '@orbit/ui/notifications/notifications.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/account.css';
import './styles/launcher.css';
import './styles/admin.css';
import './styles/dialog.css';
import './styles/membership.css';
import './styles/friends.css';
import './styles/notifications.css';
import './styles/profile.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { StepUpProvider } from './passkeys/StepUpProvider';
import { router } from './router';
import { SessionProvider } from './session/SessionProvider';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <StepUpProvider>
        <RouterProvider router={router} />
      </StepUpProvider>
    </SessionProvider>
  </StrictMode>,
);
