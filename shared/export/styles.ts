// The cell styles the three templates share (domain.md §4.5): bold centred headers, wrapped body text, money right
// aligned, thin borders on every table cell; titles and the lines above a table have no border.

import { MONEY_BLANK_ZERO, type CellStyle } from './sheet.ts';

export const S = {
  title: { font: 'title', h: 'center', v: 'middle', wrap: true, border: false },
  /** Lines above a table: 部门名称, 单位：万元. */
  captionLeft: { font: 'body', h: 'left', v: 'middle', wrap: true, border: false },
  captionRight: { font: 'body', h: 'right', v: 'middle', wrap: false, border: false },
  header: { font: 'header', h: 'center', v: 'middle', wrap: true, border: true },
  /** A label cell inside a table (项目编码, 预算数 …). */
  label: { font: 'body', h: 'center', v: 'middle', wrap: true, border: true },
  text: { font: 'body', h: 'left', v: 'middle', wrap: true, border: true },
  textTop: { font: 'body', h: 'left', v: 'top', wrap: true, border: true },
  center: { font: 'body', h: 'center', v: 'middle', wrap: true, border: true },
  money: { font: 'body', h: 'right', v: 'middle', wrap: false, border: true, numFmt: MONEY_BLANK_ZERO },
} satisfies Record<string, CellStyle>;

export function with_(base: CellStyle, extra: Partial<CellStyle>): CellStyle {
  return { ...base, ...extra };
}
