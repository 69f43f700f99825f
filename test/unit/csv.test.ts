import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvDelimiterFor, csvField, neutralise, toCsv, type CsvCell, type CsvDelimiter } from '@/utils/csv';
import { parseCsv } from '../csv-reader';

/**
 * utils/csv.ts: what a spreadsheet reads back is what was written — every field, quotes,
 * delimiters and line breaks included — and no text becomes a formula.
 */

const asRead = (cell: CsvCell): string =>
  cell === null || cell === undefined ? '' : typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : neutralise(cell);

const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Ü', '→', '😀', ' ', ',', ';', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", '\uFEFF') }),
  fc.string({ unit: 'grapheme' }),
  fc.string(),
);
const cell: fc.Arbitrary<CsvCell> = fc.oneof(tricky, fc.integer(), fc.double(), fc.constant(null));

describe('toCsv', () => {
  it('writes a BOM, CRLF line ends, and quotes only what needs quoting', () => {
    const csv = toCsv([
      ['Time', 'Page', 'Credits'],
      ['2026-12-02 06:30', 'Leads, "hot"\nlist', 73],
      ['', null, 0],
    ]);
    expect(csv).toBe('\uFEFFTime,Page,Credits\r\n2026-12-02 06:30,"Leads, ""hot""\nlist",73\r\n,,0\r\n');
  });

  it('neutralises formulas (= + - @, tab, CR, full-width signs, after spaces) but not numbers', () => {
    expect(csvField('=HYPERLINK("http://evil.test","x")')).toBe(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(['+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =1', '＝1'].map((text) => neutralise(text))).toEqual([
      "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "'  =1", "'＝1",
    ]);
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('uses the delimiter it is given, and quotes fields that contain it', () => {
    expect(toCsv([['a;b', 'c,d', 1.5]], ';')).toBe('\uFEFF"a;b";c,d;1.5\r\n');
  });

  it('reads back as written, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        fc.constantFrom<CsvDelimiter>(',', ';'),
        (rows, delimiter) => {
          const read = parseCsv(toCsv(rows, delimiter), delimiter);
          expect(read).toEqual(rows.map((row) => row.map(asRead)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lets a text field start a formula (property)', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const [[field]] = parseCsv(toCsv([[text]])) as [[string]];
        expect(/^[ \u00A0]*[=+\-@＝＋－＠]|^[\t\r\n]/.test(field)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('csvDelimiterFor', () => {
  it("is ';' where the decimal mark is a comma, ',' elsewhere and for a broken locale", () => {
    expect(['en', 'en-US', 'en-GB', 'ja', 'de', 'de-DE', 'fr', 'es', 'not a locale!'].map(csvDelimiterFor)).toEqual([
      ',', ',', ',', ',', ';', ';', ';', ';', ',',
    ]);
  });
});
