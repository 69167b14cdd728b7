/** Our own page for authorization errors that must not go back to the client. Escaped; both languages. */
const messages = {
  en: {
    title: 'This sign-in link is not valid',
    body: 'The application that sent you here made a request Orbit cannot accept. Go back to it and try again; if this keeps happening, tell its developers.',
    detail: 'Detail',
  },
  'zh-CN': {
    title: '此登录链接无效',
    body: '将你带到这里的应用发出了 Orbit 无法接受的请求。请返回该应用重试；如果问题持续，请联系其开发者。',
    detail: '详情',
  },
} as const;

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function pickLanguage(
  uiLocales: string | undefined,
  acceptLanguage: string | undefined,
): keyof typeof messages {
  const wanted = `${uiLocales ?? ''} ${acceptLanguage ?? ''}`.toLowerCase();
  const zh = wanted.search(/\bzh\b|zh-/);
  const en = wanted.search(/\ben\b|en-/);
  return zh >= 0 && (en < 0 || zh < en) ? 'zh-CN' : 'en';
}

export function renderErrorPage(lang: keyof typeof messages, code: string, description: string): string {
  const m = messages[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${m.title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f5f6fa;color:#1d2330}main{max-width:32rem;margin:1rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}h1{font-size:1.3rem}code{background:#eef;padding:0 .3em;border-radius:4px}</style></head>
<body><main role="alert"><h1>${m.title}</h1><p>${m.body}</p><p>${m.detail}: <code>${escapeHtml(code)}</code> — ${escapeHtml(description)}</p></main></body></html>`;
}
