// The text Excel and WPS put on the clipboard when cells are copied, and what we put there in return: rows ended by
// CRLF (or LF), cells separated by tabs, and a cell that holds a tab, a line break or a quote written in quotes
// with quotes doubled. Excel also ends the block with one line break, which is not an extra row.

/** Reads a copied block into rows of cells. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (atCellStart && ch === '"') {
      // A quoted cell: runs to the closing quote; "" inside is one quote. Text after the closing quote (a sloppy
      // writer) is kept as it is.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        const c = text[j] as string;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      if (!closed) {
        // Not a quoted cell after all (a lone quote at the start of a value): read it as plain text.
        cell += ch;
        i++;
        atCellStart = false;
        continue;
      }
      cell += value;
      i = j;
      atCellStart = false;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function quoteCell(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes rows of cells as Excel does, so a paste into Excel or WPS lands in the same cells. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteCell).join('\t')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The same block as an HTML table, which Excel and WPS prefer when both are offered (keeps line breaks in cells). */
export function toHtmlTable(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => `<td>${v.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c).replace(/\r?\n/g, '<br style="mso-data-placement:same-cell;">')}</td>`;
  return `<table>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</table>`;
}
