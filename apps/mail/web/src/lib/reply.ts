/** Subjects and bodies of replies and forwards. The words around them come from the UI's language. */

const REPLY_PREFIX = /^\s*(re|回复|答复)\s*[:：]/i;
const FORWARD_PREFIX = /^\s*(fwd?|转发)\s*[:：]/i;

/** "Re: Lunch", without piling up "Re: Re: Re:" when the subject already has one. */
export function replySubject(subject: string): string {
  return REPLY_PREFIX.test(subject) ? subject.trim() : `Re: ${subject.trim()}`.trimEnd();
}

/** "Fwd: Lunch", without doubling an existing "Fwd:" / "Fw:". */
export function forwardSubject(subject: string): string {
  return FORWARD_PREFIX.test(subject) ? subject.trim() : `Fwd: ${subject.trim()}`.trimEnd();
}

/** The text with each line marked as quoted ("> "), trailing blank lines left out. */
export function quoteText(text: string): string {
  const trimmed = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  if (!trimmed) return '';
  const lines = trimmed.split('\n');
  return lines.map((line) => (line ? `> ${line}` : '>')).join('\n');
}

/**
 * A reply's starting body: two empty lines to write in, the attribution ("On …, Ada wrote:") and the
 * original quoted.
 */
export function replyBody(attribution: string, originalText: string): string {
  const quoted = quoteText(originalText);
  return quoted ? `\n\n${attribution}\n${quoted}\n` : `\n\n${attribution}\n`;
}

/** A forward's starting body: space to write, then the original's headers and its text as it was. */
export function forwardBody(headerLines: readonly string[], originalText: string): string {
  const original = originalText.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  return `\n\n${headerLines.join('\n')}\n\n${original}\n`;
}
