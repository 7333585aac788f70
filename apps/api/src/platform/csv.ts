/** A cell of a CSV export. */
export type CsvCell = string | number | null;

/**
 * A CSV file (RFC 4180) a spreadsheet opens as it is: UTF-8 with a byte-order mark (Excel reads accents), CRLF line
 * ends, cells quoted when they hold the separator, a quote or a line break. A text cell starting like a formula
 * (= + - @, tab, carriage return) is prefixed with an apostrophe so that a spreadsheet never runs it (CSV injection).
 * French spreadsheets expect `;` between cells (the comma is their decimal mark).
 */
export function csvDocument(rows: readonly (readonly CsvCell[])[], separator: ';' | ','): string {
  const cell = (value: CsvCell): string => {
    if (value == null) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    const needsQuotes = text.includes(separator) || /["\r\n]/.test(text);
    return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}
