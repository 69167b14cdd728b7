/** The image types the hub accepts as avatars, and its size limit. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const AVATAR_MAX_BYTES = 256 * 1024;

/** Checks a chosen file before uploading it: the API error code it would get, or null when it looks fine. */
export function avatarFileProblem(file: { type: string; size: number }): string | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'avatar.unsupported_type';
  if (file.size > AVATAR_MAX_BYTES) return 'avatar.too_large';
  return null;
}
