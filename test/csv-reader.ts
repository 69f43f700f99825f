import { BOM, type CsvDelimiter } from '../utils/csv';

/**
 * Reads CSV back in tests (unit and end-to-end): strict RFC 4180 as utils/csv.ts writes it —
 * a BOM, CRLF after every row, quoted fields with doubled quotes — and throws on anything else.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): string[][] {
  if (!text.startsWith(BOM)) throw new Error('no byte order mark');
  const body = text.slice(BOM.length);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        const next = body[i];
        if (next !== undefined && next !== delimiter && next !== '\r') throw new Error(`text after a closing quote at ${i}`);
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      if (body[i + 1] !== '\n') throw new Error(`a CR without LF at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      throw new Error(`a bare LF at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('an unclosed quote');
  if (field !== '' || row.length > 0) throw new Error('the last row has no line end');
  return rows;
}

