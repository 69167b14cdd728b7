/**
 * What a service's pages read about the signed-in user and the platform, to draw the service shell (the header
 * with the app switcher, the avatar, name and badge, and the language menu). The SDK serves it at
 * `SHELL_PATHS.me` on the service's own origin; `@orbit/sdk-browser`'s `useOrbitUser()` reads it. Zod only.
 */
import { z } from 'zod';
import { MANIFEST_LOCALES } from './manifest.js';

/** Where the SDK answers a service's own pages, relative to the service's origin. */
export const SHELL_PATHS = Object.freeze({
  /** `GET`: the `OrbitMe` view; 401 `session.required` without a session. */
  me: '/orbit/me',
  /** `PUT { locale }`: saves the language the user picked at the hub, for every service to show. */
  locale: '/orbit/me/locale',
  /**
   * The bell (issue 19): `GET` the latest notifications and the unread count across every service; `POST
   * <notifications>/read` `{ ids } | { all: true }`; `GET <notifications>/stream`, the unread count live (SSE).
   */
  notifications: '/orbit/notifications',
  notificationsRead: '/orbit/notifications/read',
  notificationsStream: '/orbit/notifications/stream',
});

const names = z.partialRecord(z.enum(MANIFEST_LOCALES), z.string());

/** The levels an account shows beside its name: its VIP level (0 when not a member) and activity level. */
export const shellBadges = z.object({ vipLevel: z.number().int(), activityLevel: z.number().int() });
export type ShellBadges = z.infer<typeof shellBadges>;

/** The signed-in user as the shell shows them: read from the hub, at most a few seconds old. */
export const shellUser = z.object({
  sub: z.string(),
  accountNumber: z.string(),
  handle: z.string(),
  displayName: z.string(),
  /** Absolute URL of the avatar (on the hub), or null. */
  picture: z.string().nullable(),
  /** The language the account chose (`en`, `zh-CN`), or null when the service can't read it. */
  locale: z.string().nullable(),
  /** Null when the account turned its badges off or the service can't read them. */
  badges: shellBadges.nullable(),
  /** The user's roles in this service, by full name (`news.editor`). */
  roles: z.array(z.string()),
});
export type ShellUser = z.infer<typeof shellUser>;

/** A service in the app switcher: the launcher's entry, with absolute URLs. */
export const shellService = z.object({
  id: z.string(),
  name: z.string(),
  names,
  iconUrl: z.string(),
  homeUrl: z.string(),
});
export type ShellService = z.infer<typeof shellService>;

/** `GET /orbit/me`: everything the shell of a service page shows. */
export const orbitMe = z
  .object({
    user: shellUser,
    /** This service: its id and name, as its manifest says. */
    service: z.object({ id: z.string(), name: z.string(), names }),
    /** The hub: its address and the account center's, where the user edits their profile and avatar. */
    hub: z.object({ url: z.string(), accountUrl: z.string() }),
    /** The launcher's services (this one too); empty when the hub could not be asked. */
    services: z.array(shellService),
    /**
     * The service's own sign-in and sign-out routes (the SDK's), and its bell's (`<notifications>`,
     * `<notifications>/read`, `<notifications>/stream`).
     */
    paths: z.object({ login: z.string(), logout: z.string(), notifications: z.string() }),
  })
  .meta({ id: 'OrbitMe' });
export type OrbitMe = z.infer<typeof orbitMe>;
