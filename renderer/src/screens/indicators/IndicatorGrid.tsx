// The indicator grid of a project (T2) or of a department's overall table (T3): 一级 and 二级 merged over their rows as
// the printed tables show them — a merge per group of indicators, not per equal text — and edited outside the grid
// (a picker writes the entity); 三级, 描述, values and 依据 edited in place; 新增指标 under a pair the framework allows.

import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { findLevel1, findLevel2, type Framework, officialOrder } from '../../../../shared/frameworks.ts';
import { fellBelowPrior } from '../../../../shared/target.ts';
import type { IndicatorRow } from '../../../../shared/views.ts';
import { LevelPicker, type LevelPair } from '../../dialogs/LevelPicker.tsx';
import { type CellWrite, editCell, SheetGrid, type SheetColumn } from '../../grid/SheetGrid.tsx';
import { workspace } from '../../state/workspace.ts';
import { call } from '../../api/client.ts';
import type { LibrarySuggestion } from '../../../../shared/api.ts';

export type IndicatorLayout = 'project' | 'overall';

/** Last year's number when this year's target asks less of an indicator where more is better. */
function belowPrior(r: IndicatorRow, fw: Framework): string | null {
  const l1 = findLevel1(fw, r.level1);
  const l2 = l1 ? findLevel2(l1, r.level2) : undefined;
  return fellBelowPrior(r.annualValue, r.priorValue, Boolean(l1?.isCost || l2?.isCost));
}

function targetParts(r: IndicatorRow): string {
  const t = r.target;
  if (r.annualValue.trim() === '') return '';
  if (t.op === '定性' || t.number === null) return '定性';
  return `${t.op} ${t.number}${t.unit ? ` ${t.unit}` : ''}`;
}

export function IndicatorGrid(props: {
  owner: { projectId: number } | { departmentId: number };
  indicators: readonly IndicatorRow[];
  framework: Framework;
  layout: IndicatorLayout;
  /** An indicator cell to select (from the 审核 panel). */
  focus?: { nonce: number; indicatorId: number; field?: string } | undefined;
}) {
  const { owner, indicators, framework, layout, focus } = props;
  const [focused, setFocused] = useState<IndicatorRow | null>(null);
  const [picker, setPicker] = useState<{ mode: 'add' | 'change'; row: IndicatorRow | null } | null>(null);
  const apiRef = useRef<GridApi<IndicatorRow> | null>(null);
  const hasPrior = indicators.some((i) => i.priorValue.trim() !== '');
  // Shown as the tables print them: 一级, then 二级 in the framework's order, the officer's order within a 二级.
  const rows = useMemo(() => officialOrder([...indicators].sort((a, b) => a.position - b.position || a.id - b.id), framework), [indicators, framework]);

  const openPicker = useCallback((row: IndicatorRow) => setPicker({ mode: 'change', row }), []);

  const columns = useMemo<SheetColumn<IndicatorRow>[]>(() => {
    const text = (field: 'name' | 'description' | 'annualValue' | 'periodValue' | 'basis' | 'priorValue', headerName: string, more: Partial<SheetColumn<IndicatorRow>> = {}): SheetColumn<IndicatorRow> => ({
      colId: field,
      headerName,
      wrap: true,
      editor: 'box',
      text: (r) => r[field],
      target: (r) => ({ entity: 'indicator', id: r.id, field }),
      ...more,
    });
    const cols: SheetColumn<IndicatorRow>[] = [
      {
        colId: 'level1',
        headerName: '一级指标',
        width: 104,
        wrap: true,
        text: (r) => r.level1,
        spanKey: (r) => (r.level1 === '' ? null : r.level1),
        activate: openPicker,
        cellClass: () => 'level-cell',
      },
      {
        colId: 'level2',
        headerName: '二级指标',
        width: 124,
        wrap: true,
        text: (r) => r.level2,
        spanKey: (r) => (r.level2 === '' ? null : `${r.level1}|${r.level2}`),
        activate: openPicker,
        cellClass: () => 'level-cell',
      },
      text('name', '三级指标', {
        minWidth: 160,
        flex: 1.3,
        suggest: (t) => call('library.suggest', { text: t }),
        onChoose: (r, choice, typed) => void fillFromLibrary(r, choice, typed),
      }),
    ];
    if (layout === 'project') cols.push(text('description', '绩效指标描述', { minWidth: 200, flex: 1.6 }));
    cols.push(
      text('annualValue', layout === 'project' ? '指标值（年度）' : '指标值', {
        minWidth: 130,
        flex: 1,
        cellClass: (r) => (belowPrior(r, framework) !== null ? 'below-prior' : undefined),
        render: (r) => {
          const prior = belowPrior(r, framework);
          return (
            <span className="value-cell">
              <span>{r.annualValue}</span>
              {r.annualValue.trim() !== '' && (
                <span className="target-parts" title="由指标值识别出的计算符号、数值和计量单位">
                  {targetParts(r)}
                </span>
              )}
              {prior !== null && (
                <span className="below-prior-note" title={`上年指标值：${r.priorValue}`}>
                  ↓ 低于上年（{r.priorValue}）
                </span>
              )}
            </span>
          );
        },
      }),
    );
    // Last year's value right beside this year's target, where roll-forward left one.
    if (hasPrior) cols.push(text('priorValue', '上年指标值', { minWidth: 110, flex: 0.8, cellClass: () => 'prior-cell' }));
    if (layout === 'project') {
      cols.push(text('periodValue', '实施周期指标值', { minWidth: 120, flex: 0.9 }));
      cols.push(text('basis', '指标值确定依据', { width: 120, editor: 'line' }));
    }
    return cols;
  }, [layout, hasPrior, openPicker, framework]);

  /** Fills the row from the library in one step: the name, and what the row does not have yet. */
  const fillFromLibrary = async (r: IndicatorRow, choice: LibrarySuggestion, typed: string) => {
    const set = (field: string, value: string) => ({ entity: 'indicator' as const, id: r.id, field, value });
    const changes =
      choice.kind === 'category'
        ? [set('name', typed), set('level1', choice.level1), set('level2', choice.level2)]
        : [
            set('name', choice.name),
            ...(r.annualValue.trim() === '' && choice.values[0] ? [set('annualValue', choice.values[0])] : []),
            ...(r.description.trim() === '' && choice.description ? [set('description', choice.description)] : []),
            ...(r.basis.trim() === '' && choice.basis ? [set('basis', choice.basis)] : []),
            ...(r.level2 === '' && choice.level2 ? [set('level1', choice.level1), set('level2', choice.level2)] : []),
          ];
    await workspace.edit('edit.cells', { changes, label: `选用指标库中的“${choice.name}”` });
  };

  const commit = useCallback(async (writes: CellWrite[], label?: string) => {
    const r = await workspace.edit('edit.cells', { changes: writes.map((w) => ({ ...w.target, value: w.value })), ...(label ? { label } : {}) });
    return r !== null;
  }, []);

  const focusNew = (id: number) => {
    requestAnimationFrame(() => {
      const api = apiRef.current;
      const node = api?.getRowNode(String(id));
      if (!api || !node || node.rowIndex === null) return;
      editCell(api, node.rowIndex, 'name');
    });
  };

  const choose = async (pair: LevelPair) => {
    const p = picker;
    setPicker(null);
    if (!p) return;
    if (p.mode === 'add') {
      const r = await workspace.edit('indicator.add', { ...owner, level1: pair.level1, level2: pair.level2 });
      if (r?.created) focusNew(r.created);
    } else if (p.row) {
      await workspace.edit('indicator.setLevels', { ids: [p.row.id], level1: pair.level1, level2: pair.level2 });
    }
  };

  /** Up or down within its (一级, 二级) group; another group is reached through 更改一级/二级. */
  const move = (delta: -1 | 1) => {
    if (!focused) return;
    const at = rows.findIndex((r) => r.id === focused.id);
    const neighbour = rows[at + delta];
    if (!neighbour || neighbour.level1 !== focused.level1 || neighbour.level2 !== focused.level2) {
      workspace.notify('指标只在同一个二级指标内上移、下移；要换到其他类别，请用“更改一级/二级”');
      return;
    }
    void workspace.edit('indicator.move', { id: focused.id, index: neighbour.position });
  };

  return (
    <div
      className="indicator-block"
      onKeyDown={(e) => {
        if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          e.preventDefault();
          move(e.key === 'ArrowUp' ? -1 : 1);
        }
      }}
    >
      <div className="sheet-toolbar" role="toolbar" aria-label="指标操作">
        <button type="button" onClick={() => setPicker({ mode: 'add', row: focused })}>
          新增指标
        </button>
        <button type="button" disabled={!focused} onClick={() => focused && void workspace.edit('indicator.delete', { ids: [focused.id] })}>
          删除
        </button>
        <button type="button" disabled={!focused} onClick={() => move(-1)} title="上移（Alt+↑）">
          上移
        </button>
        <button type="button" disabled={!focused} onClick={() => move(1)} title="下移（Alt+↓）">
          下移
        </button>
        <button type="button" disabled={!focused} onClick={() => focused && setPicker({ mode: 'change', row: focused })}>
          更改一级/二级
        </button>
        <span className="muted hint">一级、二级指标按 Enter 或双击更改；其余单元格直接输入，Enter 保存</span>
      </div>
      <SheetGrid<IndicatorRow>
        ariaLabel="绩效指标"
        className="indicator-grid"
        autoHeight
        rows={rows}
        rowId={(r) => String(r.id)}
        columns={columns}
        onCommit={commit}
        onFocusRow={setFocused}
        onNotice={(t) => workspace.notify(t)}
        onReady={(api) => {
          apiRef.current = api;
        }}
        focusCell={useMemo(
          () => (focus ? { nonce: focus.nonce, rowId: String(focus.indicatorId), colId: columns.some((c) => c.colId === focus.field) ? (focus.field as string) : 'name' } : null),
          [focus, columns],
        )}
      />
      {indicators.length === 0 && <p className="muted empty-hint">还没有绩效指标：点“新增指标”，选择一级、二级指标后填写三级指标和指标值。</p>}
      {picker && (
        <LevelPicker
          title={picker.mode === 'add' ? '新增指标' : '更改一级/二级指标'}
          confirm={picker.mode === 'add' ? '新增' : '更改'}
          framework={framework}
          initial={picker.row ? { level1: picker.row.level1, level2: picker.row.level2 } : null}
          onClose={() => setPicker(null)}
          onChoose={(pair) => void choose(pair)}
        />
      )}
    </div>
  );
}
