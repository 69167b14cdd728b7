/**
 * Recovery codes as the reader keeps them: 10 characters shown as `xxxxx-xxxxx` (docs/passkeys.md), and the
 * text file "Download" saves. The hub ignores case, spaces and dashes when one is typed back.
 */

/** A code as `xxxxx-xxxxx`, whatever spacing and dashes it came with; anything else is kept as it is. */
export function formatRecoveryCode(code: string): string {
  const bare = code.replace(/[\s-]/g, '');
  return bare.length === 10 ? `${bare.slice(0, 5)}-${bare.slice(5)}` : code.trim();
}

/** The translated lines that head the saved file. */
export interface RecoveryCodesFileText {
  /** e.g. "Orbit recovery codes" */
  title: string;
  /** e.g. "Account 12345678" */
  account: string;
  /** e.g. "Generated Nov 23, 2026, 10:57 AM" */
  generated: string;
  /** What they are for and that each works once. */
  note: string;
}

/** The file's text: the heading lines, a blank line, then one code a line, ending with a newline. */
export function recoveryCodesFile(codes: readonly string[], text: RecoveryCodesFileText): string {
  return [
    text.title,
    text.account,
    text.generated,
    '',
    text.note,
    '',
    ...codes.map(formatRecoveryCode),
    '',
  ].join('\n');
}

/** e.g. `orbit-recovery-codes-12345678.txt`. */
export function recoveryCodesFileName(accountNumber: string): string {
  return `orbit-recovery-codes-${accountNumber.replace(/[^0-9A-Za-z_-]/g, '')}.txt`;
}
