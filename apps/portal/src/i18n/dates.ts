const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time in the reader's language, e.g. "Nov 23, 2026, 10:57 AM" or "2026年11月23日 10:57". */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(language, formatter);
  }
  return formatter.format(date);
}
