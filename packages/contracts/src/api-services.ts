/**
 * The hub's service endpoints (docs/services.md): the portal's launcher, the admin's services page and role
 * catalog, and the service shell's API for services (`/api/v1/shell`, with the service's own
 * `client_credentials` token). The hub's `services` module implements them.
 */
import { z } from 'zod';
import { ACCOUNT_LOCALES, localeSchema } from './accounts.js';
import { roleCatalogEntry } from './admin.js';
import { endpoint } from './endpoint.js';
import {
  adminServiceView,
  launcherBadge,
  launcherEntry,
  serviceRotation,
  serviceRotationInput,
} from './services.js';

const serviceParam = z.object({ id: z.string() });
/** An account's id; anything but a UUID is a 400 `request.invalid` naming `sub`. */
const subParam = z.object({ sub: z.string().meta({ format: 'uuid' }) });
const service = z.object({ service: adminServiceView });

/** An account's language, as the service shell reads and sets it. */
export const shellPreferences = z.object({ sub: z.string(), locale: z.enum(ACCOUNT_LOCALES) });
export type ShellPreferences = z.infer<typeof shellPreferences>;
/** `PUT /api/v1/shell/preferences/:sub`. */
export const shellLocaleInput = z.object({ locale: localeSchema }).strict();

const launcherTag = ['launcher'] as const;
const adminTag = ['admin services'] as const;
const shellTag = ['service-api'] as const;

export const launcherApi = {
  list: endpoint({
    method: 'get',
    path: '/api/services',
    summary: 'The services the launcher offers: every enabled one',
    tags: launcherTag,
    auth: 'session',
    responses: { 200: z.object({ services: z.array(launcherEntry) }) },
  }),
  icon: endpoint({
    method: 'get',
    path: '/api/services/:id/icon',
    summary: 'A service’s icon (its own SVG, served so it can never run script)',
    tags: launcherTag,
    params: serviceParam,
    responses: { 200: { description: 'The SVG image, cacheable for an hour.', type: 'image/svg+xml' } },
  }),
  badge: endpoint({
    method: 'get',
    path: '/api/services/:id/badge',
    summary: 'The service’s count for the reader (unread mail…); null when it did not answer in time',
    tags: launcherTag,
    auth: 'session',
    params: serviceParam,
    responses: { 200: launcherBadge },
  }),
};

export const adminServicesApi = {
  list: endpoint({
    method: 'get',
    path: '/api/admin/services',
    summary: 'Every registered service, enabled or not, with its client, perks and roles',
    tags: adminTag,
    auth: 'session',
    responses: { 200: z.object({ services: z.array(adminServiceView) }) },
  }),
  disable: endpoint({
    method: 'post',
    path: '/api/admin/services/:id/disable',
    summary: 'Take a service off the launcher and stop its client at once',
    tags: adminTag,
    auth: 'session',
    stepUp: true,
    params: serviceParam,
    responses: { 200: service },
  }),
  enable: endpoint({
    method: 'post',
    path: '/api/admin/services/:id/enable',
    summary: 'Enable a service again',
    tags: adminTag,
    auth: 'session',
    stepUp: true,
    params: serviceParam,
    responses: { 200: service },
  }),
  rotateSecret: endpoint({
    method: 'post',
    path: '/api/admin/services/:id/rotate-secret',
    summary: 'A new client secret, answered this once; the old one works on for the grace hours',
    description:
      'The body may be left out: the default grace. The hub writes the new secret into the service’s credentials file when it wrote that file.',
    tags: adminTag,
    auth: 'session',
    stepUp: true,
    params: serviceParam,
    body: serviceRotationInput,
    responses: { 200: serviceRotation },
  }),
  roles: endpoint({
    method: 'get',
    path: '/api/admin/roles',
    summary:
      'Every role the console may show: the hub’s, those services declare, and retired ones still held',
    tags: ['admin roles'],
    auth: 'session',
    responses: { 200: z.object({ roles: z.array(roleCatalogEntry) }) },
  }),
};

export const shellApi = {
  launcher: endpoint({
    method: 'get',
    path: '/api/v1/shell/launcher',
    summary: 'The launcher’s services, with absolute URLs, for the service shell’s app switcher',
    tags: shellTag,
    auth: 'bearer',
    responses: { 200: z.object({ services: z.array(launcherEntry) }) },
  }),
  preferences: endpoint({
    method: 'get',
    path: '/api/v1/shell/preferences/:sub',
    summary: 'An account’s language (scope `accounts:read`)',
    tags: shellTag,
    auth: 'bearer',
    params: subParam,
    responses: { 200: shellPreferences },
  }),
  setLocale: endpoint({
    method: 'put',
    path: '/api/v1/shell/preferences/:sub',
    summary: 'Set an account’s language, picked in a service’s menu (scope `accounts:locale`)',
    tags: shellTag,
    auth: 'bearer',
    params: subParam,
    body: shellLocaleInput,
    responses: { 200: shellPreferences },
  }),
};
