/** What a test browser keeps of the hub's cookies: the session cookie (`name=value`), and the others by name. */
export interface CookieJar {
  cookie: string | undefined;
  readonly otherCookies: Map<string, string>;
}

/** The `Cookie` header for a jar, or nothing when it is empty. */
export function cookieHeader(jar: CookieJar): Record<string, string> {
  const all = [jar.cookie, ...[...jar.otherCookies].map(([k, v]) => `${k}=${v}`)].filter(Boolean);
  return all.length > 0 ? { cookie: all.join('; ') } : {};
}

/** Keeps each Set-Cookie on its own (a response may set the session cookie and clear another at once). */
export function rememberCookies(jar: CookieJar, res: Response): void {
  for (const setCookie of res.headers.getSetCookie()) {
    const [pair = ''] = setCookie.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const gone = /=$/.test(pair) || /Max-Age=0/i.test(setCookie);
    if (/orbit_session$/.test(name)) jar.cookie = gone ? undefined : pair;
    else if (gone) jar.otherCookies.delete(name);
    else jar.otherCookies.set(name, pair.slice(name.length + 1));
  }
}
