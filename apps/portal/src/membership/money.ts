/**
 * Money as the hub keeps it: an integer in the currency's minor unit (fen, cents; JPY has none, so 1500 is
 * ¥1,500). Amounts are turned into decimal text by string arithmetic, never by dividing floats, so 19.99 is
 * never read as 1998 minor units.
 */

const digitsCache = new Map<string, number>();

/** How many digits the currency's minor unit has (ISO 4217): 2 for CNY, USD…; 0 for JPY. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** `1999` USD → `"19.99"`, `5` → `"0.05"`, `1500` JPY → `"1500"`; negative amounts keep their sign. */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(amountMinor))).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An amount for people: `¥15.00`, `US$19.99`, `￥1,500`, in the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // A decimal string is formatted exactly (Intl.NumberFormat v3), with no float in between.
  return format.format(minorToDecimal(amountMinor, currency) as Intl.StringNumericLiteral);
}

export type AmountProblem = 'empty' | 'format' | 'decimals' | 'zero' | 'tooLarge';

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; problem: AmountProblem };

/**
 * Reads an amount typed in major units (`15`, `15.5`, `1,500.00`) into integer minor units, exactly: at most as
 * many decimals as the currency has (none for JPY), more than zero, and a safe integer. Thousands separators
 * (`,`, spaces) are ignored; the decimal mark is a point.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const cleaned = text.replace(/[\s,]/g, '');
  if (cleaned === '') return { ok: false, problem: 'empty' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && !match[2])) return { ok: false, problem: 'format' };
  const whole = match[1] ?? '';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const digits = minorDigits(currency);
  if (fraction.length > digits) return { ok: false, problem: 'decimals' };
  const minorText = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+/, '');
  if (minorText === '') return { ok: false, problem: 'zero' };
  const amountMinor = Number(minorText);
  if (!Number.isSafeInteger(amountMinor)) return { ok: false, problem: 'tooLarge' };
  return { ok: true, amountMinor };
}
