// The sheet grid's searches walk only the cells that hold a value, row by row, and work out each cell's label and
// header keys once, and it keeps merged ranges by the rows they cross: checked here against the plain walk over every cell of the used range that they replace, on
// random sheets with gaps, merges, cells given twice, blank and HTML texts, numbers, and cells outside the sheet.
import { describe, expect, it } from 'vitest';
import { withoutHtml } from '../../shared/import/html.ts';
import { type CellValue, labelKey, type SheetData, SheetGrid } from '../../shared/import/sheetGrid.ts';

/** labelKey as it was first written: four replacing passes over every text. */
const plainLabelKey = (text: string) =>
  text
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':');

const plainHeaderKey = (text: string) =>
  plainLabelKey(text)
    .replace(/^其中[:,，]?/, '')
    .replace(/(?:\([^()]*\))+$/, '');

/** The grid read cell by cell over its whole used range, with nothing kept between calls. */
class PlainGrid {
  private readonly values = new Map<string, CellValue>();
  /** Every covered cell of a merged range → its master; a later range overwrites an earlier one. */
  private readonly masterOf = new Map<string, string>();
  maxRow = 0;
  maxCol = 0;

  constructor(data: SheetData) {
    for (const cell of data.cells) {
      this.values.set(`${cell.r},${cell.c}`, typeof cell.v === 'string' ? (withoutHtml(cell.v) ?? cell.v) : cell.v);
      this.maxRow = Math.max(this.maxRow, cell.r);
      this.maxCol = Math.max(this.maxCol, cell.c);
    }
    for (const m of data.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) this.masterOf.set(`${r},${c}`, `${m.top},${m.left}`);
      }
      this.maxRow = Math.max(this.maxRow, m.bottom);
      this.maxCol = Math.max(this.maxCol, m.right);
    }
  }

  raw(r: number, c: number): CellValue | null {
    return this.values.get(`${r},${c}`) ?? null;
  }

  isCovered(r: number, c: number): boolean {
    return this.masterOf.has(`${r},${c}`);
  }

  text(r: number, c: number): string {
    const master = this.masterOf.get(`${r},${c}`);
    const v = master === undefined ? this.raw(r, c) : (this.values.get(master) ?? null);
    return v === null ? '' : String(v);
  }

  find(test: (key: string) => boolean, from = 1, to = this.maxRow): { r: number; c: number } | null {
    for (let r = from; r <= to; r++) {
      for (let c = 1; c <= this.maxCol; c++) {
        const v = this.raw(r, c);
        if (v !== null && test(plainLabelKey(String(v)))) return { r, c };
      }
    }
    return null;
  }

  findAll(test: (key: string) => boolean): { r: number; c: number }[] {
    const out: { r: number; c: number }[] = [];
    for (let r = 1; r <= this.maxRow; r++) {
      for (let c = 1; c <= this.maxCol; c++) {
        const v = this.raw(r, c);
        if (v !== null && test(plainLabelKey(String(v)))) out.push({ r, c });
      }
    }
    return out;
  }

  rowIsEmpty(r: number): boolean {
    for (let c = 1; c <= this.maxCol; c++) if (this.raw(r, c) !== null && String(this.raw(r, c)).trim() !== '') return false;
    return true;
  }

  nextRight(r: number, after: number, limit = this.maxCol): { c: number; v: CellValue } | null {
    for (let col = after + 1; col <= limit; col++) {
      const v = this.raw(r, col);
      if (v !== null && String(v).trim() !== '') return { c: col, v };
    }
    return null;
  }

  headers(r: number): { c: number; header: string }[] {
    const out: { c: number; header: string }[] = [];
    for (let c = 1; c <= this.maxCol; c++) {
      const v = this.raw(r, c);
      if (v !== null) out.push({ c, header: plainHeaderKey(String(v)) });
    }
    return out;
  }
}

/** A small deterministic generator (mulberry32), so a failure is the same on every run. */
function randomFrom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  '项目名称',
  '项目 名称',
  '项目编码',
  '一级指标',
  '其中：财政拨款',
  '总计\n（万元）',
  '绩效指标（年度）',
  '单位：万元',
  '部门名称：某局',
  '  ',
  '',
  '\u3000',
  '<p>绩效目标</p>',
  '&nbsp;',
  'R&D 投入 < 5%',
  '2025年项目支出绩效目标表',
  '填表人：张三',
  '指标值（%）',
];

function randomSheet(next: () => number): SheetData {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  const rows = 1 + Math.floor(next() * 30);
  const cols = 1 + Math.floor(next() * 9);
  const cells: SheetData['cells'] = [];
  const count = Math.floor(next() * rows * cols * 0.6);
  for (let i = 0; i < count; i++) {
    const r = 1 + Math.floor(next() * rows);
    const c = 1 + Math.floor(next() * cols);
    cells.push({ r, c, v: next() < 0.2 ? Math.round(next() * 1000) / 10 : pick(TEXTS) });
  }
  // Cells outside the sheet (the readers refuse them; the grid still holds them as it always has).
  if (next() < 0.3) cells.push({ r: 0, c: 1 + Math.floor(next() * cols), v: '项目编码' });
  if (next() < 0.3) cells.push({ r: 1 + Math.floor(next() * rows), c: 0, v: '项目编码' });
  const merges: SheetData['merges'] = [];
  // Ranges may overlap (the readers refuse no such file): the last one to cover a cell is its range.
  for (let i = Math.floor(next() * 5); i > 0; i--) {
    const top = 1 + Math.floor(next() * rows);
    const left = 1 + Math.floor(next() * cols);
    merges.push({ top, left, bottom: top + Math.floor(next() * 3), right: left + Math.floor(next() * 3) });
  }
  return { name: 'S', cells, merges };
}

const TESTS: ((k: string) => boolean)[] = [
  (k) => k === '项目名称',
  (k) => k.startsWith('其中:'),
  (k) => k.includes('绩效目标'),
  (k) => k === '',
  (k) => /\d/.test(k),
];

describe('SheetGrid searches', () => {
  it('labelKey gives what the four replacing passes gave, for texts with and without anything to replace', () => {
    for (const t of [...TEXTS, '（一）：a b', 'a\u00a0b', '无需改动的文字', '全角：冒号', '（', '）']) expect(labelKey(t), JSON.stringify(t)).toBe(plainLabelKey(t));
  });

  it('find, findAll, rowIsEmpty, nextRight, merged cells and the row header keys agree with the cell-by-cell walk', () => {
    const next = randomFrom(11);
    for (let sheet = 0; sheet < 300; sheet++) {
      const data = randomSheet(next);
      const grid = new SheetGrid(data);
      const plain = new PlainGrid(data);
      const label = `sheet ${sheet}: ${JSON.stringify(data)}`;
      expect([grid.maxRow, grid.maxCol], label).toEqual([plain.maxRow, plain.maxCol]);
      // Twice over: the second pass reads the keys the first one kept.
      for (let pass = 0; pass < 2; pass++) {
        for (const test of TESTS) {
          expect(grid.findAll(test), label).toEqual(plain.findAll(test));
          expect(grid.find(test), label).toEqual(plain.find(test));
          for (let from = -1; from <= plain.maxRow + 1; from += 3) {
            expect(grid.find(test, from, from + 4), label).toEqual(plain.find(test, from, from + 4));
          }
        }
        for (let r = 0; r <= plain.maxRow + 1; r++) {
          expect(grid.rowIsEmpty(r), `${label} row ${r}`).toBe(plain.rowIsEmpty(r));
          expect(grid.cellsIn(r).map((cell) => ({ c: cell.c, header: cell.header })), `${label} row ${r}`).toEqual(plain.headers(r));
          for (let c = 1; c <= plain.maxCol; c++) {
            expect([grid.isCovered(r, c), grid.text(r, c)], `${label} (${r}, ${c})`).toEqual([plain.isCovered(r, c), plain.text(r, c)]);
            expect(grid.label(r, c)).toBe(plainLabelKey(String(plain.raw(r, c) ?? '')));
            expect(grid.nextRight(r, c), `${label} (${r}, ${c})`).toEqual(plain.nextRight(r, grid.rightOf(r, c)));
            expect(grid.nextRight(r, c, c + 2)).toEqual(plain.nextRight(r, grid.rightOf(r, c), c + 2));
          }
        }
      }
    }
  });

  it('a cell given twice is read, and found, by its last value', () => {
    const grid = new SheetGrid({ name: 'S', cells: [{ r: 2, c: 3, v: '项目编码' }, { r: 2, c: 1, v: 'x' }, { r: 2, c: 3, v: '一级指标' }], merges: [] });
    expect(grid.find((k) => k === '项目编码')).toBeNull();
    expect(grid.find((k) => k === '一级指标')).toEqual({ r: 2, c: 3 });
    expect(grid.cellsIn(2).map((cell) => cell.v)).toEqual(['x', '一级指标']);
  });
});
