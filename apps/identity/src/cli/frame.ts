/**
 * Draws a box around lines of text, for the terminal (the first-admin link at start). The lines are measured in
 * code points; the text is expected to be plain (no colour codes, no wide characters).
 */
export function frame(lines: string[]): string {
  const width = Math.max(...lines.map((line) => [...line].length));
  const pad = (line: string) => line + ' '.repeat(width - [...line].length);
  return [
    `╭${'─'.repeat(width + 2)}╮`,
    ...lines.map((line) => `│ ${pad(line)} │`),
    `╰${'─'.repeat(width + 2)}╯`,
  ].join('\n');
}
