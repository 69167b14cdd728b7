import { escapeHtml } from '../authorize/error-page.js';

const messages = {
  en: {
    title: 'Sign out of Orbit?',
    body: (who: string, app?: string) =>
      app
        ? `${app} asks to sign ${who} out of Orbit and every app signed in through it.`
        : `Sign ${who} out of Orbit and every app signed in through it?`,
    yes: 'Sign out',
    no: 'Stay signed in',
  },
  'zh-CN': {
    title: '退出 Orbit？',
    body: (who: string, app?: string) =>
      app
        ? `${app} 请求让 ${who} 退出 Orbit 以及通过它登录的所有应用。`
        : `让 ${who} 退出 Orbit 以及通过它登录的所有应用？`,
    yes: '退出登录',
    no: '保持登录',
  },
} as const;

/** The confirmation page for a logout request that doesn't prove it comes from the user's own session. */
export function renderLogoutConfirmation(
  lang: keyof typeof messages,
  input: {
    params: Record<string, string>;
    csrfToken: string;
    clientName: string | undefined;
    accountName: string;
  },
): string {
  const m = messages[lang];
  const hidden = Object.entries(input.params)
    .filter(([k]) =>
      ['id_token_hint', 'client_id', 'post_logout_redirect_uri', 'state', 'ui_locales'].includes(k),
    )
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${m.title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f5f6fa;color:#1d2330}main{max-width:32rem;margin:1rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}h1{font-size:1.3rem}button{font:inherit;padding:.5rem 1rem;margin-right:.5rem;border-radius:8px;border:1px solid #3355dd;cursor:pointer}button[value=logout]{background:#3355dd;color:#fff}</style></head>
<body><main><h1>${m.title}</h1><p>${escapeHtml(m.body(input.accountName, input.clientName))}</p>
<form method="post" action="/oidc/logout/confirm">${hidden}<input type="hidden" name="csrf_token" value="${escapeHtml(input.csrfToken)}">
<button type="submit" name="decision" value="logout" data-testid="logout-confirm">${m.yes}</button><button type="submit" name="decision" value="stay" data-testid="logout-cancel">${m.no}</button></form></main></body></html>`;
}
