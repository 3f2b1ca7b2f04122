// RFC 4180 CSV (CRLF, quotes doubled) that is safe to open in a spreadsheet: text cells starting with
// = + - @ (or a tab / carriage return) get a leading apostrophe so they are never run as formulas.

export type TCsvCell = string | number | boolean | null | undefined;

export function csvCell(value: TCsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvTable(header: readonly string[], rows: readonly (readonly TCsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
