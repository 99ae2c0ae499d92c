/**
 * Text typed by one responder, shown in another's terminal: control characters (escape sequences that move the
 * cursor, set the window title, clear the screen) are shown as visible escapes instead of being obeyed. Line
 * breaks and tabs are kept.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** One line of text for a terminal: control characters escaped, line breaks shown as spaces. */
export function printableLine(text: string): string {
  return printable(text.replace(/\r?\n/g, ' '))
}
