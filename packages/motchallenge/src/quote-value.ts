/** Internal: quoting an offending value in an error message without quoting a whole binary file. */

/** Longest part of a value an error message quotes, in UTF-16 units. */
export const QUOTE_MAX_CHARS = 40;

/**
 * `JSON.stringify(value)`, cut to {@link QUOTE_MAX_CHARS} characters with `…`
 * and the full length when longer: a 2 MB "value" read from a binary file
 * becomes `"\u0000\u0003…" (2300000 characters)`, one readable line.
 */
export function quoteValue(value: string): string {
  if (value.length <= QUOTE_MAX_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, QUOTE_MAX_CHARS))}… (${value.length} characters)`;
}
