// pino's JSON already escapes U+0000-U+001F, '"' and '\' in every string, so
// a logged value can never break a line or start an ANSI sequence with ESC.
// JSON leaves the rest of Unicode raw, and some of it still acts on a reader:
// DEL, the C1 controls (U+009B is a one-character CSI, U+0085 a line break
// for some tools) and U+2028/U+2029 (line breaks for editors and log
// viewers). They can only occur inside JSON strings, where \uXXXX is the same
// value, so escaping them keeps the line's meaning and makes it inert.
const UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

const toUnicodeEscape = (char: string): string =>
  `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** A serialized JSON log line with every character that could act on a terminal or viewer escaped. */
export function escapeLogLine(line: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(line) ? line.replace(UNSAFE, toUnicodeEscape) : line;
}
