// The grids look like the printed tables: thin lines around every cell, a Song/Hei CJK face, no web fonts (the app
// works offline). One theme for every grid.
import { themeQuartz } from 'ag-grid-community';

export const sheetTheme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'sans-serif'],
  headerFontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 5,
  rowHeight: 34,
  headerHeight: 38,
  wrapperBorderRadius: 0,
  borderColor: '#b8bec6',
  columnBorder: { style: 'solid', width: 1, color: '#d0d4d9' },
  rowBorder: { style: 'solid', width: 1, color: '#d0d4d9' },
  headerColumnBorder: { style: 'solid', width: 1, color: '#b8bec6' },
  headerBackgroundColor: '#eef1f4',
  oddRowBackgroundColor: '#ffffff',
  rowHoverColor: '#f3f7fc',
  selectedRowBackgroundColor: '#e6f0fb',
  cellEditingBorder: { style: 'solid', width: 2, color: '#1f6feb' },
  focusShadow: 'none',
  rangeSelectionBorderColor: '#1f6feb',
});
