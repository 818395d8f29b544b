/**
 * Tables as CSV (RFC 4180: commas, quotes doubled, CRLF), with a byte-order mark so spreadsheet
 * programs read the Chinese text as UTF-8. A text cell that starts like a formula (= + - @, tab,
 * carriage return) is prefixed with ' so that opening the file never runs a customer's or an
 * operator's text as a formula (OWASP "CSV Injection").
 */
export type Cell = string | number | boolean | null | undefined;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
