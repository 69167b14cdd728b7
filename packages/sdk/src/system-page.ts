/**
 * The pages the SDK renders itself (no access, a sign-in that did not finish, a passkey step not done), drawn in
 * the look of the service shell's system pages (`SystemPage` in `@orbit/ui/shell`): the same card, colours and
 * buttons, from the same design tokens, light and dark — and in both of Orbit's languages, since the server
 * can't know which one the reader's page was showing.
 */
import { html, raw } from 'hono/html';

/** A text in both of Orbit's languages. */
export interface BilingualText {
  en: string;
  'zh-CN': string;
}

/** A text in both languages, or in English only (the SDK's own sign-in problems, written for the operator too). */
export type PageText = BilingualText | string;

export interface SystemPageLink {
  href: string;
  label: PageText;
}

const en = (text: PageText) => (typeof text === 'string' ? text : text.en);
const zh = (text: PageText) => (typeof text === 'string' ? undefined : text['zh-CN']);

/** The design tokens of `@orbit/ui/styles/tokens.css` the page uses, and the shell's card and buttons. */
const STYLE = `
:root { --bg: #f5f6fa; --surface: #fff; --text: #1b1d29; --text-muted: #5b6072; --border: #d9dbe5;
  --accent: #4338ca; --accent-hover: #3730a3; --accent-text: #fff; --radius: 12px; --radius-sm: 8px;
  --shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 4px 16px rgb(16 24 40 / 6%); color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f1117; --surface: #181b24; --text: #e7e9f0;
  --text-muted: #a3a8b8; --border: #2c303c; --accent: #8b87f5; --accent-hover: #a5a2f8; --accent-text: #0f1117; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; padding: 2rem 1rem;
  background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { width: min(100%, 30rem); padding: 2rem; border: 1px solid var(--border); border-radius: var(--radius);
  background: var(--surface); box-shadow: var(--shadow); text-align: center; }
.service { margin: 0 0 1rem; color: var(--text-muted); font-size: .875rem; font-weight: 700; }
h1 { margin: 0 0 .5rem; font-size: 1.375rem; }
h1 + p, p.zh { margin: 0 0 1rem; color: var(--text-muted); }
h1.zh { font-size: 1.125rem; margin-top: 1.25rem; padding-top: 1.25rem; border-top: 1px solid var(--border); }
nav { display: flex; flex-wrap: wrap; justify-content: center; gap: .5rem; margin-top: 1.5rem; }
a.button { display: inline-block; padding: .5rem 1rem; border: 1px solid var(--border); border-radius: var(--radius-sm);
  color: var(--text); font-weight: 600; text-decoration: none; }
a.button:first-child { border-color: var(--accent); background: var(--accent); color: var(--accent-text); }
a.button:first-child:hover { background: var(--accent-hover); }
`;

/**
 * A system page: the service's name, the title and message in English then Chinese, and links as buttons
 * (the first one the main action), each labelled in both languages.
 *
 * @example
 * c.html(systemPage({ serviceName: 'Mail', title, message, links: [{ href: '/', label }] }), 403);
 */
export function systemPage(page: {
  serviceName?: string;
  title: PageText;
  message: PageText;
  links: SystemPageLink[];
}) {
  const zhTitle = zh(page.title);
  const zhMessage = zh(page.message);
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width" />
    <title>${en(page.title)}${page.serviceName ? ` · ${page.serviceName}` : ''}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <main>
      ${page.serviceName ? html`<p class="service">${page.serviceName}</p>` : ''}
      <h1>${en(page.title)}</h1>
      <p data-testid="sdk-problem">${en(page.message)}</p>
      ${zhTitle ? html`<h1 class="zh" lang="zh-CN">${zhTitle}</h1>` : ''}
      ${zhMessage ? html`<p class="zh" lang="zh-CN">${zhMessage}</p>` : ''}
      <nav>${page.links.map(({ href, label }) => {
        const zhLabel = zh(label);
        return html`<a class="button" href="${href}">${en(label)}${zhLabel ? html` <span lang="zh-CN">· ${zhLabel}</span>` : ''}</a>`;
      })}</nav>
    </main>
  </body>
</html>`;
}
