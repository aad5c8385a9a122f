// Amount cells of the imported tables. Our templates print 万元; the 一体化 system's print 元 (`单位：元`), and
// officers type units into cells (`89.00万元`, `720万`). Everything is held as integer hundredths of 万元, converted
// with integer arithmetic: an amount in 元 that is not a whole number of hundreds of 元 cannot be held exactly and
// is said, never rounded silently.

import { MAX_CENTS, parseMoney, type Cents } from '../money.ts';
import { type CellValue, type ImportWarning, type SheetGrid } from './sheetGrid.ts';

export type MoneyUnit = '万元' | '元';

/**
 * `单位：元` captions and the headers of amount columns (`预算金额（元）`, `总计（万元）`) say the unit of a sheet's
 * amounts — not an indicator named `人均成本（元）`, nor `单位：某某局`.
 */
const UNIT_CAPTION = /^(?:金额)?单位:(\D{0,3}元)$/;
const UNIT_IN_HEADER = /^(?:其中:)?(?:总计|合计|财政拨款|财政专户拨款|其他资金|预算金额|预算数|拟投入的资金|金额|资金)\((万元|元)\)$/;

/** The unit of a sheet's amounts: 元 when its captions and headers say 元 (and none says 万元), else 万元. */
export function sheetMoneyUnit(grid: SheetGrid, warnings: ImportWarning[]): MoneyUnit {
  const said = new Map<string, string>();
  // Both end in 元: a substring test spares the expressions on all other cells.
  for (const at of grid.findAll((k) => k.includes('元') && (UNIT_CAPTION.test(k) || UNIT_IN_HEADER.test(k)))) {
    const k = grid.label(at.r, at.c);
    const unit = UNIT_CAPTION.exec(k)?.[1] ?? UNIT_IN_HEADER.exec(k)?.[1] ?? '';
    if (!said.has(unit)) said.set(unit, grid.ref(at.r, at.c));
  }
  for (const [unit, where] of said) {
    if (unit !== '万元' && unit !== '元') {
      warnings.push({ where, message: `表中金额单位为“${unit}”，本程序只认万元和元，已按万元读入，请核对金额` });
    }
  }
  if (said.has('元') && said.has('万元')) {
    warnings.push({ where: said.get('元') ?? grid.name, message: `表中既有“万元”又有“元”的单位说明，已按万元读入，请核对金额` });
    return '万元';
  }
  return said.has('元') ? '元' : '万元';
}

/** Amount text with its unit (`89.00万元`, `720万`, `7,200,000元`): the number and the unit it says. */
const WITH_UNIT = /^(.*?)[\s\u00a0\u3000]*(万元|万|元)$/s;

/** 分 (hundredths of 元) to hundredths of 万元, exactly, or with the rounded value when it cannot be exact. */
function fenToCents(fen: number): { cents: Cents; exact: boolean } {
  const cents = Math.round(fen / 10_000);
  return { cents, exact: fen % 10_000 === 0 };
}

/** The shortest decimal text of a number cell (`1234.56`, `7200000`). */
function numberText(v: number): string {
  const t = String(v);
  return /e/i.test(t) ? v.toFixed(6).replace(/\.?0+$/, '') : t;
}

/**
 * Reads one amount cell into hundredths of 万元, in the sheet's unit unless the cell says its own; records a
 * located warning and gives 0 where it cannot read it.
 */
function moneyCell(grid: SheetGrid, r: number, c: number, warnings: ImportWarning[], sheetUnit: MoneyUnit = '万元'): Cents {
  const v: CellValue | null = grid.raw(r, c);
  if (v === null) return 0;
  const where = grid.ref(r, c);
  const warn = (message: string) => warnings.push({ where, message });
  let text = typeof v === 'number' ? numberText(v) : v.trim();
  if (text === '' || text === '/' || text === '-' || text === '—') return 0;
  let unit = sheetUnit;
  const suffixed = typeof v === 'string' ? WITH_UNIT.exec(text) : null;
  if (suffixed?.[1] && /[\d０-９]/.test(suffixed[1])) {
    text = suffixed[1];
    unit = suffixed[2] === '元' ? '元' : '万元';
  }
  const inYuan = unit === '元' ? ' 元' : '';
  // Read to hundredths of the cell's unit first (分 for 元); number cells may carry float noise or more decimals.
  let hundredths: number;
  if (typeof v === 'number') {
    hundredths = Math.round(v * 100);
    if (!Number.isSafeInteger(hundredths)) {
      warn(`金额 ${v} 大得不合常理，已按 0 读入，请核对`);
      return 0;
    }
    if (Math.abs(v * 100 - hundredths) > 1e-6) warn(`金额 ${v}${inYuan} 超过两位小数，已按 ${(hundredths / 100).toFixed(2)}${inYuan} 读入`);
  } else {
    const parsed = parseMoney(text);
    if (!parsed.ok) {
      warn(`${parsed.message.replace(`“${text}”`, `“${v.trim()}”`)}，已按 0 读入，请核对`);
      return 0;
    }
    hundredths = parsed.cents;
  }
  let cents = hundredths;
  if (unit === '元') {
    const converted = fenToCents(hundredths);
    cents = converted.cents;
    if (!converted.exact) {
      const wan = (Math.abs(hundredths) / 1_000_000).toFixed(6).replace(/0+$/, '');
      warn(
        `金额 ${hundredths < 0 ? '-' : ''}${(Math.abs(hundredths) / 100).toFixed(2)} 元折合 ${hundredths < 0 ? '-' : ''}${wan} 万元，不能精确到万元的两位小数，已按 ${(cents / 100).toFixed(2)} 万元读入，请核对`,
      );
    }
  }
  if (Math.abs(cents) > MAX_CENTS) {
    warn(`金额 ${text}${inYuan} 大得不合常理，已按 0 读入，请核对`);
    return 0;
  }
  if (cents < 0) warn(`金额 ${(cents / 100).toFixed(2)} 是负数，已照原样读入，请核对`);
  return cents;
}

/** A reader of one sheet's amount cells, in the unit the sheet says (0 for a missing column). */
export function moneyReader(grid: SheetGrid, warnings: ImportWarning[]): (r: number, c: number) => Cents {
  const unit = sheetMoneyUnit(grid, warnings);
  return (r, c) => (c > 0 ? moneyCell(grid, r, c, warnings, unit) : 0);
}
