/**
 * Text made safe to open in a spreadsheet, whatever separator it splits the file on. A cell
 * that would start a formula (= + - @, or tab or CR before one) gets an apostrophe. So does a
 * formula character right after a `,` `;` tab or line break inside the text: a file written with
 * one separator and opened with the other (an Indonesian export in English Excel) is cut there,
 * and the piece would start a cell of its own — quoting does not help, since that quote then
 * stands in the middle of a cell.
 */
function defuse(text: string): string {
  const start = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return start.replace(/([,;\t\r\n] *)(?=[=+\-@])/g, "$1'");
}

/** Quoted when it holds a quote, a line break or any spreadsheet's separator (`,` `;` tab). */
function quote(text: string): string {
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A plain number as the exports write it ("87,25" or "87.25"), which a spreadsheet reads as one. */
const PLAIN_NUMBER = /^\d+(?:[.,]\d+)?$/;

/** One CSV field, quoted when it must be (RFC 4180) and defused for spreadsheets. */
function csvField(value: string | number | null | undefined, separator = ","): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (PLAIN_NUMBER.test(value) && !value.includes(separator)) return value;
  return quote(defuse(value));
}

/** Plain CSV (comma, no BOM) for machines: the CLI's exports. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map((v) => csvField(v)).join(",")).join("\r\n") + "\r\n";
}

/**
 * CSV that opens correctly in Excel: UTF-8 with a byte-order mark (so "Pustaka Ilmu Desa
 * Sepaso" and "Kelurahan Teluk Lingga" keep their characters), CRLF line ends, and — following
 * the spreadsheet's regional settings — semicolons and decimal commas for Indonesian, commas and
 * decimal points for English. A cell that would start a formula (= + - @) is prefixed with an
 * apostrophe, and every text cell holding either separator is quoted and defused (see `defuse`):
 * a library named "=HYPERLINK(...)" or "bagus,=HYPERLINK(...)" stays text in either Excel.
 */
export interface CsvFormat {
  separator: ";" | ",";
  decimal: "," | ".";
}

export const CSV_FORMATS = {
  id: { separator: ";", decimal: "," },
  en: { separator: ",", decimal: "." },
} as const satisfies Record<string, CsvFormat>;

export type Cell = string | number | null;

/** A score × 100 as "87,25" or "87.25". */
export function decimalCell(x100: number | null, format: CsvFormat): string {
  if (x100 === null) return "";
  return (x100 / 100).toFixed(2).replace(".", format.decimal);
}

export function toSpreadsheetCsv(rows: readonly (readonly Cell[])[], format: CsvFormat): string {
  return (
    "\uFEFF" +
    rows
      .map((row) => row.map((v) => csvField(v, format.separator)).join(format.separator))
      .join("\r\n") +
    "\r\n"
  );
}
