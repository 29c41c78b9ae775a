/**
 * Reading the CSV the app's exports write (app/lib/csv.ts), and what a spreadsheet saves from it:
 * RFC 4180 quoting, `;` or `,` as separator (the header line decides: the Indonesian export
 * writes `;`), CRLF or LF line ends, an optional byte-order mark. Written for files of millions
 * of rows: one pass over the text, and only the columns asked for are cut out of it.
 */

export interface CsvRowHandler {
  /**
   * One row after the header: its fields (only the `wanted` columns hold text, the others ""),
   * how many fields it had, and the line it starts on (1 is the header). Answers false to stop.
   * The array is the reader's own, filled again for the next row: copy what must outlive the call.
   */
  (fields: string[], count: number, line: number): boolean | void;
}

export type CsvReadResult =
  | { ok: true; header: string[]; separator: ";" | ","; rows: number }
  | { ok: false; line: number; problem: "empty" | "unclosedQuote" };

/** The separator of a header line: the one it uses more of, outside quotes (`;` on a tie). */
function separatorOf(text: string, start: number): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (!quoted && c === 59) semicolons++;
    else if (!quoted && c === 44) commas++;
  }
  return commas > semicolons ? "," : ";";
}

/**
 * Reads `text`: the header (every field, trimmed) is handed to `columns`, which answers which
 * columns `onRow` needs; then each row goes to `onRow`. Blank lines are skipped.
 */
export function readCsv(
  text: string,
  columns: (header: string[]) => boolean[],
  onRow: CsvRowHandler,
): CsvReadResult {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const separator = separatorOf(text, i);
  const sep = separator.charCodeAt(0);
  let line = 1;
  let header: string[] | null = null;
  let wanted: boolean[] = [];
  let fields: string[] = [];
  let rows = 0;

  while (i < n) {
    const rowLine = line;
    // a blank line (LF or CRLF) is no row
    const first = text.charCodeAt(i);
    if (first === 10 || first === 13) {
      i += first === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    if (header === null) fields = [];
    else fields.fill("");
    let count = 0;
    let endOfRow = false;
    while (!endOfRow) {
      const keep = header === null || wanted[count] === true;
      let value = "";
      if (text.charCodeAt(i) === 34) {
        // a quoted field: "" is a quote; line breaks inside are part of it
        i++;
        let start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return { ok: false, line: rowLine, problem: "unclosedQuote" };
          if (keep) {
            const piece = text.slice(start, q);
            value += piece;
            for (let k = piece.indexOf("\n"); k >= 0; k = piece.indexOf("\n", k + 1)) line++;
          } else
            for (let k = text.indexOf("\n", start); k >= 0 && k < q; k = text.indexOf("\n", k + 1))
              line++;
          if (text.charCodeAt(q + 1) === 34) {
            if (keep) value += '"';
            i = q + 2;
            start = i;
            continue;
          }
          i = q + 1;
          break;
        }
        // anything between the closing quote and the separator is kept as it stands
        const rest = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === 10 || c === 13) break;
          i++;
        }
        if (keep && i > rest) value += text.slice(rest, i);
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === 10 || c === 13) break;
          i++;
        }
        if (keep) value = text.slice(start, i);
      }
      if (header === null) fields.push(value);
      else if (keep) fields[count] = value;
      count++;
      if (i >= n) endOfRow = true;
      else {
        const c = text.charCodeAt(i);
        if (c === sep) i++;
        else {
          i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
          line++;
          endOfRow = true;
        }
      }
    }
    if (header === null) {
      header = fields.map((f) => f.trim());
      wanted = columns(header);
      fields = new Array<string>(wanted.length).fill("");
      continue;
    }
    rows++;
    if (onRow(fields, count, rowLine) === false) break;
  }
  if (header === null) return { ok: false, line: 1, problem: "empty" };
  return { ok: true, header, separator, rows };
}

/**
 * Undoes the exports' guard for spreadsheets (app/lib/csv.ts, `defuse`): the apostrophe put
 * before a formula character at the start of a cell, or after a separator or line break inside it.
 */
export function undefuse(text: string): string {
  if (!text.includes("'")) return text;
  const start = /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
  return start.replace(/([,;\t\r\n] *)'(?=[=+\-@])/g, "$1");
}
