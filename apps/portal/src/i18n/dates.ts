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

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date alone in the reader's language, e.g. "Nov 23, 2026" or "2026年11月23日". */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = dateFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    dateFormatters.set(language, formatter);
  }
  return formatter.format(date);
}
