// What Excel and WPS put on the clipboard, read back cell for cell; and what we write, read back the same.
import { describe, expect, it } from 'vitest';
import { parseTsv, toHtmlTable, toTsv } from '../../shared/tsv.ts';

describe('parseTsv', () => {
  it('reads a 3 × 4 block as Excel copies it (CRLF rows, one line break at the end)', () => {
    const text = '物业管理费\t89.00\t\t\r\n信访专项业务经费\t720.00\t0\t5\r\n办证大厅\t1,107.43\t\t\r\n';
    expect(parseTsv(text)).toEqual([
      ['物业管理费', '89.00', '', ''],
      ['信访专项业务经费', '720.00', '0', '5'],
      ['办证大厅', '1,107.43', '', ''],
    ]);
  });

  it('reads quoted cells with line breaks, tabs and doubled quotes', () => {
    const text = '"做好来访接待\r\n全年不少于1000人次"\t"含""引号""的文字"\t"A\tB"\r\n';
    expect(parseTsv(text)).toEqual([['做好来访接待\r\n全年不少于1000人次', '含"引号"的文字', 'A\tB']]);
  });

  it('reads LF-only text (WPS on Linux, text editors) and a block without the final line break', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('a single cell is one row of one cell; empty text is no rows', () => {
    expect(parseTsv('720')).toEqual([['720']]);
    expect(parseTsv('')).toEqual([]);
    expect(parseTsv('\r\n')).toEqual([['']]);
  });

  it('a value that only starts with a quote is plain text', () => {
    expect(parseTsv('"未闭合\t5\r\n')).toEqual([['"未闭合', '5']]);
  });
});

describe('toTsv', () => {
  it('round-trips through parseTsv, quoting only what needs it', () => {
    const rows = [
      ['物业管理费', '89.00', ''],
      ['两行\n文字', '含"引号"', 'A\tB'],
    ];
    const text = toTsv(rows);
    expect(text).toBe('物业管理费\t89.00\t\r\n"两行\n文字"\t"含""引号"""\t"A\tB"\r\n');
    expect(parseTsv(text)).toEqual(rows);
  });

  it('also writes an HTML table that keeps line breaks inside one cell', () => {
    expect(toHtmlTable([['a<b', '两\n行']])).toBe('<table><tr><td>a&lt;b</td><td>两<br style="mso-data-placement:same-cell;">行</td></tr></table>');
  });
});
