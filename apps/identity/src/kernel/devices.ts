import Bowser from 'bowser';

/** "Firefox 128 on macOS": how the security log, session list and notices name a device (from its User-Agent). */

export function describeDevice(userAgent: string): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = parsed.os.name ?? '';
  if (!browser && !os) return userAgent.slice(0, 60);
  return os ? `${browser || 'Unknown browser'} on ${os}` : browser;
}
