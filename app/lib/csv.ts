/** One CSV field, quoted when it must be (RFC 4180); a leading =,+,-,@ is defused for spreadsheets. */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Plain CSV (comma, no BOM) for machines: the CLI's exports. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * CSV that opens correctly in Excel: UTF-8 with a byte-order mark (so "Pustaka Ilmu Desa
 * Sepaso" and "Kelurahan Teluk Lingga" keep their characters), CRLF line ends, and — following
 * the spreadsheet's regional settings — semicolons and decimal commas for Indonesian, commas and
 * decimal points for English. A cell that would start a formula (= + - @) is prefixed with an
 * apostrophe: a library named "=HYPERLINK(...)" stays text.
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

function cell(value: Cell, format: CsvFormat): string {
  if (value === null) return "";
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /["\r\n]/.test(text) || text.includes(format.separator)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

export function toSpreadsheetCsv(rows: readonly (readonly Cell[])[], format: CsvFormat): string {
  return (
    "\uFEFF" +
    rows.map((row) => row.map((v) => cell(v, format)).join(format.separator)).join("\r\n") +
    "\r\n"
  );
}
