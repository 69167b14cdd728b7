import type { AccountRow, SessionRow } from './db/schema.js';
import type { RequestVariables } from './http/middleware.js';

export interface Authenticated {
  session: SessionRow;
  account: AccountRow;
  /** The account's roles (`admin`, `support`, `news.editor`…), sorted; loaded with the session. */
  roles: string[];
  /** The cookie's token, needed to derive the CSRF token. */
  token: string;
}

/** The Hono environment of every hub route. */
export interface HubEnv {
  Variables: RequestVariables & { auth: Authenticated | undefined };
}
