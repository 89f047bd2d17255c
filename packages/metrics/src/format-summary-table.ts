/**
 * Plain-text table of {@link MetricsSummary} rows, one per sequence plus the
 * combination, laid out like TrackEval's printed summary.
 */
import { SUMMARY_KEYS, type MetricsSummary } from './evaluate.js';

/** Keys printed as percentages; the others are counts. */
const RATIO_KEYS = new Set<keyof MetricsSummary>(['HOTA', 'DetA', 'AssA', 'LocA', 'MOTA', 'MOTP', 'IDF1', 'IDP', 'IDR', 'Recall', 'Precision']);
/** Short headers where the key is long (MOTChallenge's abbreviations). */
const HEADERS: Partial<Record<keyof MetricsSummary, string>> = { Recall: 'Rcll', Precision: 'Prcn' };

/**
 * Formats rows as a fixed-width table: ratios in percent with 3 decimals,
 * counts as integers, one line per row, columns in {@link SUMMARY_KEYS} order.
 * @param rows `{ name, summary }`, e.g. the sequences then the combination
 * @returns the table, lines joined with '\n', ending with '\n'
 * @example
 * ```ts
 * process.stdout.write(formatSummaryTable([...ev.sequences, ev.combined]));
 * ```
 */
export function formatSummaryTable(rows: readonly { readonly name: string; readonly summary: MetricsSummary }[]): string {
  const cells = rows.map((r) => [r.name, ...SUMMARY_KEYS.map((k) => (RATIO_KEYS.has(k) ? (100 * r.summary[k]).toFixed(3) : String(r.summary[k])))]);
  const header = ['Sequence', ...SUMMARY_KEYS.map((k) => HEADERS[k] ?? k)];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}
