/** The applications an account let in ("connected apps", `GET /api/consents`). Zod only. */
import { z } from 'zod';

/** An application the account allowed to use it. */
export const consentView = z
  .object({
    clientId: z.string(),
    clientName: z.string(),
    /** The OAuth scopes it was given, e.g. `openid profile email`. */
    scopes: z.array(z.string()),
    grantedAt: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'Consent' });
export type ConsentView = z.infer<typeof consentView>;

export const consentList = z.object({ consents: z.array(consentView) });
