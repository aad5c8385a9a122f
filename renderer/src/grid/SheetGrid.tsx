// The one grid every sheet uses: AG Grid Community made to behave like Excel/WPS for budget officers.
//
// - Typing starts editing. A resident, invisible text box (the typing proxy) holds the keyboard focus whenever a
//   cell is focused but not edited, so a Chinese IME composes inside an editable element from the first key on and
//   its first character is never lost (AG Grid's own type-to-edit loses it: ag-grid#12805). The proxy hands the
//   navigation keys to AG Grid and opens the editor with what was typed.
// - Enter or F2 edits (Enter on a cell that opens something — a project, a level picker — opens it), Enter in the
//   editor saves and moves down, Tab saves and moves right, Esc cancels, Delete clears, Backspace empties and edits.
// - Shift+arrows, Shift+click and dragging select a rectangle; Ctrl+C copies it as Excel does (text and HTML), Ctrl+V
//   pastes a block copied from Excel/WPS as one undoable step, all or nothing, and Delete clears it.
// - The grid never changes its own data: an edited value goes to the core (sent from the column's value setter, which
//   leaves the row as it is — the moment the editor closes, not after the grid's own events), and the screen shows
//   what the core answers. The rows are handed over once; later lists go in as the rows that changed (rowUpdates.ts), so an
//   edit in a sheet of 5,000 projects redraws a few rows, not the list.

import {
  type CellClassParams,
  type CellFocusedEvent,
  type CellMouseDownEvent,
  type CellMouseOverEvent,
  type ColDef,
  type Column,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IRowNode,
  ModuleRegistry,
  type RowClassParams,
  type SpanRowsParams,
  type SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AgGridReact } from 'ag-grid-react';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LibrarySuggestion } from '../../../shared/api.ts';
import type { EntityKind } from '../../../shared/fields.ts';
import { parseTsv, toHtmlTable, toTsv } from '../../../shared/tsv.ts';
import { cancelOpeningIfNoEditor, editorOpening, whenOpened, editorWantsKey, openingEditor, TextEditor, type TextEditorParams, typedWhileOpening } from './editors.tsx';
import { type CellRange, contains, isSingleCell, type Rect, rectOf } from './range.ts';
import { rowUpdate } from './rowUpdates.ts';
import { SHEET_MODULES } from './modules.ts';
import { sheetTheme } from './theme.ts';

ModuleRegistry.registerModules(SHEET_MODULES);

/** Puts text typed elsewhere at the end of the open cell editor, and gives it the focus. */
function appendToOpenEditor(text: string): void {
  const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>('.ag-cell-inline-editing input, .ag-popup-editor textarea');
  if (!el) return;
  el.focus();
  el.setSelectionRange(el.value.length, el.value.length);
  document.execCommand('insertText', false, text);
}

/** Opens the editor of a cell from code (a new row's name), keeping what is typed before it has the focus. */
export function editCell<R>(api: GridApi<R>, rowIndex: number, colKey: string): void {
  api.ensureIndexVisible(rowIndex);
  api.setFocusedCell(rowIndex, colKey);
  openingEditor(null);
  api.startEditingCell({ rowIndex, colKey });
}

/** Which field of which entity a cell writes to. */
export interface CellTarget {
  entity: EntityKind;
  id: number;
  field: string;
}

export interface CellWrite {
  target: CellTarget;
  value: string;
}

export interface SheetColumn<R> {
  colId: string;
  headerName: string;
  headerTooltip?: string;
  width?: number;
  minWidth?: number;
  flex?: number;
  /** What the cell shows (and what Ctrl+C copies). */
  text: (row: R) => string;
  align?: 'left' | 'right' | 'center';
  /** Long text: wraps, and the row grows to show all of it. */
  wrap?: boolean;
  /** Where a typed value goes; null or absent: the cell is not edited in place. */
  target?: (row: R) => CellTarget | null;
  /** `line` one-line editor, `box` roomy multi-line editor, `money` right-aligned amount. */
  editor?: 'line' | 'box' | 'money';
  /** The text the editor starts from, when it differs from what the cell shows. */
  editText?: (row: R) => string;
  /** Suggestions while typing (the indicator library), and what choosing one does instead of saving the text. */
  suggest?: (text: string) => Promise<LibrarySuggestion[]>;
  onChoose?: (row: R, choice: LibrarySuggestion, typed: string) => void;
  /** What Enter or a double-click does on a cell that is not edited in place. */
  activate?: (row: R) => void;
  /** Rows with the same non-null key show as one merged cell (the 一级/二级 columns). */
  spanKey?: (row: R) => string | null;
  cellClass?: (row: R) => string | undefined;
  render?: (row: R) => ReactNode;
}

export interface SheetGridProps<R> {
  ariaLabel: string;
  rows: readonly R[];
  rowId: (row: R) => string;
  pinnedTop?: readonly R[];
  columns: readonly SheetColumn<R>[];
  /** Saves writes as one step; resolves false when the core refused them (the screen has said why). */
  onCommit: (writes: CellWrite[], label?: string) => Promise<boolean>;
  /** Paste walks down rows of the anchor row's kind only (projects, not the unit subtotal rows between them). */
  rowKind?: (row: R) => string;
  rowClass?: (row: R) => string | undefined;
  /** Says which row has the focus, for the toolbar's 删除 / 上移 / 下移. */
  onFocusRow?: (row: R | null) => void;
  /** Tells the screen a message to show (what a paste did, why it did nothing). */
  onNotice?: (text: string) => void;
  onReady?: (api: GridApi<R>) => void;
  /** Extra class on the wrapper (sizing). */
  className?: string;
  /** The grid grows with its rows instead of scrolling inside (short lists: a project's indicators, tasks). */
  autoHeight?: boolean;
  /** A cell to select (from the 审核 panel): the row's id (or `pinned` for the 合计 row) and the column. */
  focusCell?: { nonce: number; rowId: string; colId: string } | null;
}

/**
 * A function of the same identity for the component's life that runs the latest one given: AG Grid takes a new
 * handler as a change of its options (and a sheet redraws for every focus move and every answer from the core).
 */
function useStable<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
  const ref = useRef(fn);
  ref.current = fn;
  return useCallback((...args: A) => ref.current(...args), []);
}

const NAV_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'Tab']);

export function SheetGrid<R>(props: SheetGridProps<R>) {
  const { columns, rows, pinnedTop, onCommit, rowKind, onFocusRow, onNotice, onReady, ariaLabel } = props;
  const apiRef = useRef<GridApi<R> | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const proxyRef = useRef<HTMLTextAreaElement>(null);
  const rangeRef = useRef<CellRange | null>(null);
  const dragRef = useRef(false);
  const composingRef = useRef(false);
  const [composing, setComposing] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  // The list the grid was created with (never handed over again as a prop) and the list it holds now.
  const [initialRows] = useState(() => rows);
  const heldRows = useRef(rows);

  /** Brings the grid's rows to `next`: the changed rows only when the list kept its rows and order. */
  const takeRows = useCallback((api: GridApi<R>, next: readonly R[]) => {
    const u = rowUpdate(heldRows.current, next, latest.current.rowId);
    heldRows.current = next;
    if (u.kind === 'update') api.applyTransaction({ update: u.rows });
    else if (u.kind === 'replace') api.setGridOption('rowData', next as R[]);
  }, []);

  // Before the browser paints, so a changed sum never shows a frame late.
  useLayoutEffect(() => {
    if (apiRef.current) takeRows(apiRef.current, rows);
  }, [rows, takeRows]);

  const colById = useMemo(() => new Map(columns.map((c) => [c.colId, c])), [columns]);

  // ---- helpers over the grid ---------------------------------------------------------------------------------

  const displayedColumns = (): Column[] => apiRef.current?.getAllDisplayedColumns() ?? [];
  const colIndexOf = (colId: string) => displayedColumns().findIndex((c) => c.getColId() === colId);
  const rowAt = (index: number): IRowNode<R> | undefined => apiRef.current?.getDisplayedRowAtIndex(index) ?? undefined;
  const sheetColAt = (index: number) => {
    const c = displayedColumns()[index];
    return c ? colById.get(c.getColId()) : undefined;
  };

  const rect = (): Rect | null => (rangeRef.current ? rectOf(rangeRef.current) : null);

  const refreshRange = useCallback(() => {
    apiRef.current?.refreshCells({ force: true, suppressFlash: true });
  }, []);

  const setRange = useCallback(
    (r: CellRange | null) => {
      const before = rangeRef.current;
      rangeRef.current = r;
      if (before !== null || r !== null) refreshRange();
    },
    [refreshRange],
  );

  /**
   * The focused cell's element: the spanned cell for a merged 一级/二级, else the plain cell. Right after AG Grid moves
   * the focus its class may not be set yet; the element with the browser focus, or the one at the focused
   * position, is it then.
   */
  const focusedElement = (): HTMLElement | null => {
    const wrap = wrapRef.current;
    if (!wrap) return null;
    const marked = wrap.querySelector<HTMLElement>('.ag-cell-focus');
    if (marked) return marked;
    const active = document.activeElement;
    if (active instanceof HTMLElement && wrap.contains(active) && active.classList.contains('ag-cell')) return active;
    const f = apiRef.current?.getFocusedCell();
    if (!f) return null;
    const row = f.rowPinned ? `.ag-row-pinned[row-index="${f.rowIndex}"]` : `.ag-row:not(.ag-row-pinned)[row-index="${f.rowIndex}"]`;
    return wrap.querySelector<HTMLElement>(`${row} .ag-cell[col-id="${f.column.getColId()}"]`);
  };

  /** Puts the typing proxy over the focused cell and gives it the keyboard, so the IME composes there. */
  const armProxy = useCallback(() => {
    const proxy = proxyRef.current;
    const wrap = wrapRef.current;
    const api = apiRef.current;
    if (!proxy || !wrap || !api || api.getEditingCells().length > 0) return;
    const cell = focusedElement();
    if (!cell) return;
    const a = cell.getBoundingClientRect();
    const b = wrap.getBoundingClientRect();
    proxy.style.left = `${a.left - b.left}px`;
    proxy.style.top = `${a.top - b.top}px`;
    proxy.style.width = `${Math.max(a.width, 40)}px`;
    proxy.style.height = `${Math.max(a.height, 24)}px`;
    if (document.activeElement !== proxy) proxy.focus({ preventScroll: true });
  }, []);

  const focusedRowData = (): R | null => {
    const f = apiRef.current?.getFocusedCell();
    if (!f) return null;
    const node = f.rowPinned === 'top' ? apiRef.current?.getPinnedTopRow(f.rowIndex) : rowAt(f.rowIndex);
    return node?.data ?? null;
  };

  const startEdit = (text: string | null) => {
    const api = apiRef.current;
    const f = api?.getFocusedCell();
    if (!api || !f) return;
    const col = colById.get(f.column.getColId());
    const data = focusedRowData();
    if (!col || data === null || !col.target?.(data)) {
      if (text !== null && text.trim() !== '') onNotice?.(`“${col?.headerName ?? ''}”这一格不能直接填写${col?.activate ? '：按 Enter 打开' : '（由其他数字计算得出）'}`);
      return;
    }
    openingEditor(text);
    api.startEditingCell({ rowIndex: f.rowIndex, colKey: f.column, ...(f.rowPinned ? { rowPinned: f.rowPinned } : {}) });
    // The grid may refuse (a cell not editable after all): then no editor comes, and the typed text is not kept.
    setTimeout(cancelOpeningIfNoEditor, 1000);
  };

  /** Hands a navigation key to AG Grid, which knows spans, pinned rows and scrolling. */
  const navigate = (e: React.KeyboardEvent) => {
    const cell = focusedElement();
    if (!cell) return;
    cell.focus({ preventScroll: true });
    cell.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, code: e.code, shiftKey: e.shiftKey, bubbles: true, cancelable: true }));
  };

  // ---- writes ------------------------------------------------------------------------------------------------

  const clearRange = () => {
    const r = rect() ?? currentCellRect();
    if (!r) return;
    const writes: CellWrite[] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const data = rowAt(row)?.data;
      if (data === undefined) continue;
      for (let col = r.left; col <= r.right; col++) {
        const target = sheetColAt(col)?.target?.(data);
        if (target) writes.push({ target, value: '' });
      }
    }
    if (writes.length > 0) void onCommit(writes, writes.length === 1 ? undefined : `清除 ${writes.length} 个单元格`);
  };

  const currentCellRect = (): Rect | null => {
    const f = apiRef.current?.getFocusedCell();
    if (!f || f.rowPinned) return null;
    const col = colIndexOf(f.column.getColId());
    return { top: f.rowIndex, bottom: f.rowIndex, left: col, right: col };
  };

  const copyCells = (): string[][] | null => {
    const r = rect() ?? currentCellRect();
    if (!r) return null;
    const out: string[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const data = rowAt(row)?.data;
      if (data === undefined) continue;
      const cells: string[] = [];
      for (let col = r.left; col <= r.right; col++) cells.push(sheetColAt(col)?.text(data) ?? '');
      out.push(cells);
    }
    return out;
  };

  const onCopy = (e: React.ClipboardEvent, cut: boolean) => {
    const cells = copyCells();
    if (!cells) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(cells));
    e.clipboardData.setData('text/html', toHtmlTable(cells));
    const n = cells.reduce((s, r) => s + r.length, 0);
    if (cut) clearRange();
    else onNotice?.(`已复制 ${n} 个单元格，可粘贴到 Excel 或 WPS`);
  };

  const onPaste = (e: React.ClipboardEvent) => {
    e.preventDefault();
    const text = e.clipboardData.getData('text/plain');
    const block = parseTsv(text);
    if (block.length === 0) return;
    const start = rect() ?? currentCellRect();
    if (!start) return;
    const anchorData = rowAt(start.top)?.data;
    if (anchorData === undefined) return;
    const kind = rowKind?.(anchorData);
    // The rows the block lands on: from the anchor down, rows of the anchor's kind only.
    const targetRows: R[] = [];
    const count = apiRef.current?.getDisplayedRowCount() ?? 0;
    const single = block.length === 1 && block[0]?.length === 1;
    const fillRect = single && !isSingleCell(start) ? start : null;
    const wantRows = fillRect ? fillRect.bottom - fillRect.top + 1 : block.length;
    for (let i = start.top; i < count && targetRows.length < wantRows; i++) {
      const data = rowAt(i)?.data;
      if (data !== undefined && (kind === undefined || rowKind?.(data) === kind)) targetRows.push(data);
    }
    if (targetRows.length < wantRows) {
      onNotice?.(`粘贴的内容有 ${block.length} 行，从当前位置往下只有 ${targetRows.length} 行可以填写：未粘贴任何内容。请先新增足够的行`);
      return;
    }
    const cols = displayedColumns().length;
    const width = fillRect ? fillRect.right - fillRect.left + 1 : Math.max(...block.map((r) => r.length));
    if (start.left + width > cols) {
      onNotice?.(`粘贴的内容有 ${width} 列，从当前列往右只有 ${cols - start.left} 列：未粘贴任何内容`);
      return;
    }
    const writes: CellWrite[] = [];
    const skipped = new Set<string>();
    targetRows.forEach((data, r) => {
      for (let c = 0; c < width; c++) {
        const value = fillRect ? (block[0]?.[0] ?? '') : block[r]?.[c];
        if (value === undefined) continue;
        const col = sheetColAt(start.left + c);
        const target = col?.target?.(data);
        if (target) writes.push({ target, value });
        else if (col && value.trim() !== '' && value !== col.text(data)) skipped.add(col.headerName);
      }
    });
    if (writes.length === 0) {
      onNotice?.('这些单元格不能直接填写，未粘贴任何内容');
      return;
    }
    void onCommit(writes, `粘贴 ${writes.length} 个单元格`).then((ok) => {
      if (ok) {
        onNotice?.(
          `已粘贴 ${writes.length} 个单元格（可撤销）${skipped.size > 0 ? `；${[...skipped].join('、')}不能直接填写，其中粘贴的内容未采用` : ''}`,
        );
      }
    });
  };

  // ---- keyboard on the proxy ---------------------------------------------------------------------------------

  const extendRange = (dRow: number, dCol: number) => {
    const api = apiRef.current;
    const f = api?.getFocusedCell();
    if (!api || !f || f.rowPinned) return;
    const here = { row: f.rowIndex, col: colIndexOf(f.column.getColId()) };
    const anchor = rangeRef.current?.anchor ?? here;
    const focus = rangeRef.current?.focus ?? here;
    const next = {
      row: Math.max(0, Math.min(api.getDisplayedRowCount() - 1, focus.row + dRow)),
      col: Math.max(0, Math.min(displayedColumns().length - 1, focus.col + dCol)),
    };
    setRange({ anchor, focus: next });
    const column = displayedColumns()[next.col];
    if (column) {
      api.ensureIndexVisible(next.row);
      api.setFocusedCell(next.row, column);
      armProxy();
    }
  };

  const onProxyKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229 || composingRef.current) return;
    // Keys that come while an editor is opening belong to that editor: Enter and Tab save what was typed.
    if (editorOpening()) {
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        whenOpened('save');
      } else if (e.key === 'Escape') {
        e.preventDefault();
        whenOpened('cancel');
      }
      return;
    }
    const api = apiRef.current;
    const f = api?.getFocusedCell();
    if (!api || !f) return;
    // Alt+↑/↓ belong to the sheet (move the row); the browser keeps the other Alt keys.
    if (e.altKey) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod) {
      const k = e.key.toLowerCase();
      if (k === 'a') {
        e.preventDefault();
        const last = api.getDisplayedRowCount() - 1;
        if (last >= 0) setRange({ anchor: { row: 0, col: 0 }, focus: { row: last, col: displayedColumns().length - 1 } });
      }
      // c, x, v: the browser fires copy/cut/paste on the proxy. z, y: the app's undo. Others: the browser's.
      return;
    }
    if (e.shiftKey && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key] as [number, number];
      extendRange(d[0], d[1]);
      return;
    }
    const col = colById.get(f.column.getColId());
    const data = focusedRowData();
    switch (e.key) {
      case 'Enter':
      case 'F2': {
        e.preventDefault();
        if (data !== null && col?.activate && !col.target?.(data)) {
          col.activate(data);
          return;
        }
        if (data !== null && col?.target?.(data)) {
          setRange(null);
          startEdit(null);
          return;
        }
        if (e.key === 'Enter') navigate({ ...e, key: 'ArrowDown', code: 'ArrowDown' } as React.KeyboardEvent);
        return;
      }
      case 'Delete':
        e.preventDefault();
        clearRange();
        return;
      case 'Backspace':
        e.preventDefault();
        setRange(null);
        startEdit('');
        return;
      case 'Escape':
        if (rangeRef.current) {
          e.preventDefault();
          setRange(null);
        }
        return;
      default:
        if (NAV_KEYS.has(e.key)) {
          e.preventDefault();
          setRange(null);
          navigate(e);
        }
    }
  };

  const takeTyped = () => {
    const proxy = proxyRef.current;
    if (!proxy) return;
    const text = proxy.value;
    proxy.value = '';
    if (text === '') return;
    // Typed fast, while the editor is still opening: the characters are the editor's.
    if (editorOpening()) {
      typedWhileOpening(text);
      return;
    }
    if ((apiRef.current?.getEditingCells().length ?? 0) > 0) {
      appendToOpenEditor(text);
      return;
    }
    setRange(null);
    startEdit(text);
  };

  // ---- grid events -------------------------------------------------------------------------------------------

  const onCellFocused = (e: CellFocusedEvent<R>) => {
    if (e.rowIndex === null) {
      onFocusRow?.(null);
      return;
    }
    onFocusRow?.(focusedRowData());
    // Take the keyboard to the proxy now, and again once AG Grid has moved the browser focus to the cell.
    armProxy();
    requestAnimationFrame(armProxy);
  };

  /**
   * A key that reaches a cell itself (the proxy lost the focus for a moment, e.g. right after a click) is handled
   * as if the proxy had it; a printable key starts the editor with that character.
   */
  const onKeyDownCapture = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target === proxyRef.current || !target.closest('.ag-cell') || target.closest('.ag-cell-inline-editing, .ag-popup-editor')) return;
    if ((apiRef.current?.getEditingCells().length ?? 0) > 0) return;
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      if (editorOpening()) {
        typedWhileOpening(e.key);
        return;
      }
      setRange(null);
      startEdit(e.key);
      return;
    }
    if (e.key === 'Enter' || e.key === 'F2' || e.key === 'Delete' || e.key === 'Backspace' || (e.shiftKey && e.key.startsWith('Arrow'))) {
      e.stopPropagation();
      onProxyKeyDown(e as unknown as React.KeyboardEvent<HTMLTextAreaElement>);
      armProxy();
    }
  };

  /**
   * What the editor closed with. Called by the grid inside its stop-editing step, so the write is on its way to the
   * core before the grid moves the focus and redraws; the row is never changed here (the core's answer changes it).
   */
  const sendEdited = (c: SheetColumn<R>, data: R, newValue: unknown): false => {
    const target = c.target?.(data);
    if (!target) return false;
    const value = newValue == null ? '' : String(newValue);
    if (c.editText ? value === c.editText(data) : value === c.text(data)) return false;
    void latest.current.onCommit([{ target, value }]);
    return false;
  };

  const onCellMouseDown = (e: CellMouseDownEvent<R>) => {
    const ev = e.event as MouseEvent | undefined;
    if (e.rowPinned || e.rowIndex === null || !ev || ev.button !== 0) return;
    const here = { row: e.rowIndex, col: colIndexOf(e.column.getColId()) };
    if (ev.shiftKey) {
      const f = apiRef.current?.getFocusedCell();
      const anchor = rangeRef.current?.anchor ?? (f && !f.rowPinned ? { row: f.rowIndex, col: colIndexOf(f.column.getColId()) } : here);
      setRange({ anchor, focus: here });
      ev.preventDefault();
      return;
    }
    dragRef.current = true;
    rangeRef.current = { anchor: here, focus: here };
    refreshRange();
  };

  const onCellMouseOver = (e: CellMouseOverEvent<R>) => {
    const ev = e.event as MouseEvent | undefined;
    if (!dragRef.current || !rangeRef.current || e.rowIndex === null || e.rowPinned) return;
    if (!ev || (ev.buttons & 1) === 0) {
      dragRef.current = false;
      return;
    }
    setRange({ anchor: rangeRef.current.anchor, focus: { row: e.rowIndex, col: colIndexOf(e.column.getColId()) } });
  };

  // A cell asked for from outside (a finding): select it once the grid has its row, and scroll it into view.
  const focusCell = props.focusCell;
  useEffect(() => {
    if (!focusCell) return;
    let tries = 0;
    const attempt = () => {
      const api = apiRef.current;
      if (api) {
        if (focusCell.rowId === 'pinned') {
          api.setFocusedCell(0, focusCell.colId, 'top');
          return;
        }
        const node = api.getRowNode(focusCell.rowId);
        if (node && node.rowIndex !== null) {
          api.ensureIndexVisible(node.rowIndex, 'middle');
          api.ensureColumnVisible(focusCell.colId);
          api.setFocusedCell(node.rowIndex, focusCell.colId);
          armProxy();
          requestAnimationFrame(armProxy);
          return;
        }
      }
      if (++tries < 40) setTimeout(attempt, 50);
    };
    attempt();
  }, [focusCell, armProxy]);

  useEffect(() => {
    const up = () => {
      dragRef.current = false;
      const r = rangeRef.current;
      if (r && r.anchor.row === r.focus.row && r.anchor.col === r.focus.col) setRange(null);
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, [setRange]);

  // ---- column definitions ------------------------------------------------------------------------------------

  const columnDefs = useMemo<ColDef<R>[]>(
    () =>
      columns.map((c, index) => {
        const editorParams: TextEditorParams = {
          multiline: c.editor === 'box',
          numeric: c.editor === 'money',
          ...(c.editText ? { editText: c.editText as (d: unknown) => string } : {}),
          ...(c.suggest ? { suggest: c.suggest } : {}),
          ...(c.onChoose ? { onChoose: c.onChoose as (d: unknown, s: LibrarySuggestion, typed: string) => void } : {}),
        };
        const def: ColDef<R> = {
          colId: c.colId,
          headerName: c.headerName,
          ...(c.headerTooltip ? { headerTooltip: c.headerTooltip } : {}),
          ...(c.width ? { width: c.width } : {}),
          ...(c.minWidth ? { minWidth: c.minWidth } : {}),
          ...(c.flex ? { flex: c.flex } : {}),
          valueGetter: (p) => (p.data === undefined ? '' : c.text(p.data)),
          valueSetter: (p) => (p.data === undefined ? false : sendEdited(c, p.data, p.newValue)),
          sortable: false,
          suppressMovable: true,
          resizable: true,
          wrapText: Boolean(c.wrap),
          autoHeight: Boolean(c.wrap),
          editable: c.spanKey ? false : (p) => p.data !== undefined && Boolean(c.target?.(p.data)),
          cellEditor: TextEditor,
          cellEditorParams: editorParams,
          cellEditorPopup: c.editor === 'box',
          cellEditorPopupPosition: 'over',
          suppressKeyboardEvent: (p: SuppressKeyboardEventParams<R>) =>
            p.editing && (p.event.isComposing || p.event.keyCode === 229 || editorWantsKey(p.event.key)),
          cellClass: (p: CellClassParams<R>) => {
            const classes = [c.align === 'right' ? 'num' : c.align === 'center' ? 'center' : ''];
            if (p.data !== undefined) {
              if (!c.target?.(p.data) && !c.activate) classes.push('cell-computed');
              if (c.activate) classes.push('cell-action');
              const extra = c.cellClass?.(p.data);
              if (extra) classes.push(extra);
            }
            return classes.filter(Boolean);
          },
          cellClassRules: {
            'in-range': (p: CellClassParams<R>) => p.node.rowPinned == null && contains(rect(), p.node.rowIndex ?? -1, index),
          },
          ...(c.render ? { cellRenderer: (p: { data?: R }) => (p.data === undefined ? null : c.render?.(p.data)) } : {}),
          ...(c.spanKey
            ? {
                spanRows: (p: SpanRowsParams<R>) => {
                  const a = p.nodeA?.data;
                  const b = p.nodeB?.data;
                  if (a === undefined || b === undefined) return false;
                  const ka = c.spanKey?.(a);
                  return ka != null && ka === c.spanKey?.(b);
                },
              }
            : {}),
          ...(c.activate
            ? {
                onCellDoubleClicked: (p: { data?: R }) => {
                  if (p.data !== undefined && !c.target?.(p.data)) c.activate?.(p.data);
                },
              }
            : {}),
        };
        return def;
      }),
    // rect() reads a ref; the definitions only change with the columns.
    [columns],
  );

  const getRowId = useCallback((p: GetRowIdParams<R>) => latest.current.rowId(p.data), []);
  const getRowClass = useCallback((p: RowClassParams<R>) => (p.data === undefined ? undefined : latest.current.rowClass?.(p.data)), []);

  const onGridReady = (e: GridReadyEvent<R>) => {
    apiRef.current = e.api;
    // Rows that changed while the grid was being made.
    takeRows(e.api, latest.current.rows);
    onReady?.(e.api);
  };

  const gridEvents = {
    onCellFocused: useStable(onCellFocused),
    onCellMouseDown: useStable(onCellMouseDown),
    onCellMouseOver: useStable(onCellMouseOver),
    onGridReady: useStable(onGridReady),
    armSoon: useStable(() => requestAnimationFrame(armProxy)),
  };

  return (
    <div ref={wrapRef} className={`sheet-grid ${props.className ?? ''}`} role="region" aria-label={ariaLabel} onKeyDownCapture={onKeyDownCapture}>
      <AgGridReact<R>
        theme={sheetTheme}
        localeText={AG_GRID_LOCALE_CN}
        rowData={initialRows as R[]}
        pinnedTopRowData={pinnedTop as R[] | undefined}
        columnDefs={columnDefs}
        getRowId={getRowId}
        getRowClass={getRowClass}
        enableCellSpan
        {...(props.autoHeight ? { domLayout: 'autoHeight' as const } : {})}
        singleClickEdit={false}
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        undoRedoCellEditing={false}
        suppressRowHoverHighlight={false}
        suppressCellFocus={false}
        animateRows={false}
        // Rows in the DOM in the order shown: screen readers and outside scripts read them as the officer sees them.
        ensureDomOrder
        // Rows drawn beyond the visible ones. AG Grid's default of 10 meant some 27 rows made and measured (their
        // heights come from their text) to show the first 6 of the summary table; 3 rows of up to ten lines each
        // still cover more than a screen.
        rowBuffer={3}
        onCellFocused={gridEvents.onCellFocused}
        onCellEditingStopped={gridEvents.armSoon}
        onCellMouseDown={gridEvents.onCellMouseDown}
        onCellMouseOver={gridEvents.onCellMouseOver}
        onBodyScroll={gridEvents.armSoon}
        onGridReady={gridEvents.onGridReady}
      />
      <textarea
        ref={proxyRef}
        className={`typing-proxy${composing ? ' composing' : ''}`}
        aria-label="在选中的单元格中输入"
        data-testid="typing-proxy"
        tabIndex={-1}
        rows={1}
        spellCheck={false}
        onKeyDown={onProxyKeyDown}
        onInput={(e) => {
          if (!(e.nativeEvent as InputEvent).isComposing && !composingRef.current) takeTyped();
        }}
        onCompositionStart={() => {
          composingRef.current = true;
          setComposing(true);
        }}
        onCompositionEnd={() => {
          composingRef.current = false;
          setComposing(false);
          takeTyped();
        }}
        onCopy={(e) => onCopy(e, false)}
        onCut={(e) => onCopy(e, true)}
        onPaste={onPaste}
      />
    </div>
  );
}
