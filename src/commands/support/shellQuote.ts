// Quoting of server-provided text (names, URLs) for the shells the copied commands run in. Single quotes in both:
// nothing inside them is expanded ($, backticks, $(…), globs, spaces), so only the quote itself needs care.
// Pure: no vscode import.

/** POSIX sh, bash, zsh: `'…'`, a single quote inside becomes `'\''` (close, escaped quote, reopen). */
export function posixQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell: `'…'` (a verbatim string), a single quote inside is doubled. PowerShell also reads the typographic
 * single quotes ‘ ’ ‚ ‛ as quote characters (about_Quoting_Rules), so they are doubled too.
 */
export function powerShellQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

