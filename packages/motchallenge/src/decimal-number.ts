/**
 * Internal: the number grammar of every MOTChallenge text field and
 * seqinfo.ini value. JavaScript's `Number()` also reads `0x10` (16), `0b11`,
 * `0o7` and `Infinity`, which no MOT tool writes; a frame column reading
 * `0x10` is a corrupt file, not frame 16. Accepted (spaces and tabs around):
 *
 *   [+-]? ( digits [ '.' digits? ] | '.' digits ) ( [eE] [+-]? digits )?
 *
 * e.g. `12`, `-3.5`, `+.5`, `5.`, `1e-3`, `2E+4`.
 */
const DECIMAL = /^[ \t]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t]*$/;

/** The value of a decimal number text, or NaN when `text` is not one (the grammar above). */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}
