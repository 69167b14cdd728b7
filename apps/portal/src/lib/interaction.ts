/** The interaction a `/oidc/authorize/resume/<id>` path continues, if that is what it is. */
export function interactionIdOf(path: string): string | null {
  const match = /^\/oidc\/authorize\/resume\/([\w-]{1,128})(?:[?#]|$)/.exec(path);
  return match?.[1] ?? null;
}
