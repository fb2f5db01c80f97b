/**
 * CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break (quotes inside doubled), and a UTF-8 byte order mark first so
 * Excel reads Japanese as UTF-8 instead of Shift_JIS.
 */

/** A cell: text is written guarded (see `csvText`), numbers and booleans as they are, null/undefined empty. */
export type CsvCell = string | number | boolean | null | undefined;

export const CSV_BOM = '\uFEFF';

// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Text from users (comments, user ids, assignees), made inert: a leading `'` keeps a cell starting
 * with = + - @ tab or CR from being run as a formula. Numbers go through `csvRow` as numbers and
 * are never prefixed, so a factor of −3 stays −3.
 */
export const csvText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** One field, quoted when needed. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? csvText(cell) : String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export const csvRow = (cells: readonly CsvCell[]): string => `${cells.map(csvField).join(',')}\r\n`;

/**
 * The whole file as a byte stream: BOM and header first, then one chunk per batch of records,
 * pulled only as fast as the client reads, so a large export never sits in memory whole.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<CsvCell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(header)));
    },
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map(csvRow).join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
