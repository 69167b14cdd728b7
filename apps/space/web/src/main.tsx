import './i18n';
import '@orbit/ui/styles/tokens.css';
import '@orbit/ui/styles/base.css';
import '@orbit/ui/shell/shell.css';
import './styles/layout.css';
import './styles/feed.css';
import './styles/themes.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
