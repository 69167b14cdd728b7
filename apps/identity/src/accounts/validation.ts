import { z } from 'zod';
import { locales } from '../db/schema.js';
import { PASSWORD_MAX_LENGTH } from './passwords.js';

/** Handles: 3–32 characters, a letter first, then letters, digits, `_`, `.` or `-`. Compared case-insensitively. */
export const handleSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, 'Use 3–32 letters, digits, _ . or -, starting with a letter.');

export const displayNameSchema = z.string().trim().min(1).max(64);
export const emailSchema = z.email().max(254);
/** Length and common-password rules are checked by `checkPasswordPolicy`, with their own error codes. */
export const passwordSchema = z.string().max(PASSWORD_MAX_LENGTH);
export const bioSchema = z.string().max(280);
/** The languages the hub writes mail in: the portal's. */
export const localeSchema = z.enum(locales);

export const signUpBody = z.object({
  handle: handleSchema,
  displayName: displayNameSchema,
  email: z
    .union([emailSchema, z.literal(''), z.null()])
    .optional()
    .transform((v) => v || null),
  password: passwordSchema,
  /** The portal's language when the account was made: the language of its mail. */
  locale: localeSchema.optional(),
});
