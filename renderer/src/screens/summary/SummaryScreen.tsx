// 项目支出绩效目标表 (T1) as the officer fills it: the template's columns, 合计 on top, each unit's subtotal row with its
// projects under it, all sums computed as amounts change. Names, amounts and goals are edited in place; the 绩效指标
// cell shows the project's indicators in the year's grammar and opens the project (Enter or double-click).

import type { GridApi } from 'ag-grid-community';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type SummaryLine, summaryTable } from '../../../../shared/summaryTable.ts';
import type { EditResult } from '../../../../shared/views.ts';
import type { Route } from '../../App.tsx';
import { UnitDialog, type UnitChoice } from '../../dialogs/UnitDialog.tsx';
import { moneyEditText, moneyText } from '../../grid/columns.ts';
import { type CellWrite, editCell, SheetGrid, type SheetColumn } from '../../grid/SheetGrid.tsx';
import { useWorkspace, workspace } from '../../state/workspace.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { prefetchProject } from '../project/ProjectScreen.tsx';

const ALL = 'all';

type Money = 'fiscal' | 'fiscalSpecial' | 'other';

function moneyColumn(colId: Money, headerName: string): SheetColumn<SummaryLine> {
  return {
    colId,
    headerName,
    width: 118,
    align: 'right',
    editor: 'money',
    text: (l) => moneyText(l[colId]),
    editText: (l) => moneyEditText(l[colId]),
    target: (l) => (l.kind === 'project' ? { entity: 'project', id: l.id, field: colId } : null),
  };
}

// Memoised: the window redraws for every status change (正在保存…, a new 审核), the table only when its rows change.
export const SummaryScreen = memo(function SummaryScreen(props: { route: Extract<Route, { screen: 'summary' }>; navigate: (r: Route) => void }) {
  const ws = useWorkspace('rows');
  const { navigate } = props;
  const departments = useMemo(() => [...ws.departments.values()].sort((a, b) => a.position - b.position || a.id - b.id), [ws.rowsVersion]);
  const [deptChoice, setDeptChoice] = useState<string>(() =>
    props.route.departmentId != null ? String(props.route.departmentId) : departments.length === 1 && departments[0] ? String(departments[0].id) : ALL,
  );
  // With one department there is nothing to choose: its table is shown, as the template prints it.
  const shownChoice = departments.length === 1 && departments[0] ? String(departments[0].id) : deptChoice;
  const departmentId = shownChoice === ALL ? null : Number(shownChoice);
  const [focused, setFocusedLine] = useState<SummaryLine | null>(null);
  // The focused line as of the last focus move, for a key pressed before the screen has redrawn with it (a click and
  // Alt+↑ at once): the redrawn handlers would still see the line focused before.
  const focusedNow = useRef<SummaryLine | null>(null);
  const setFocused = useCallback((l: SummaryLine | null) => {
    focusedNow.current = l;
    setFocusedLine(l);
  }, []);
  const [unitDialog, setUnitDialog] = useState(false);
  const [confirm, setConfirm] = useState<{ title: string; message: string; run: () => void } | null>(null);
  const apiRef = useRef<GridApi<SummaryLine> | null>(null);

  // A finding about a unit subtotal or a department total: show its department and select the cell.
  const focus = props.route.focus;
  useEffect(() => {
    if (!focus) return;
    const unitId = focus.unitId ?? (focus.projectId !== undefined ? ws.projects.get(focus.projectId)?.unitId : undefined);
    const dept = focus.departmentId ?? (unitId !== undefined ? ws.units.get(unitId)?.departmentId : undefined);
    // The row must be in the table shown: a department's own rows, or every department for a department row.
    if (dept !== undefined && departments.length > 1 && deptChoice !== ALL && deptChoice !== String(dept)) setDeptChoice(unitId !== undefined ? String(dept) : ALL);
    // Only when a finding asks, not when the year changes under it.
  }, [focus]);
  const focusCell = useMemo(() => {
    if (!focus) return null;
    const colId = focus.field === 'total' || focus.field === 'funds' ? 'total' : focus.field === 'goal' ? 'goal' : focus.field === 'indicators' ? 'indicators' : 'name';
    if (focus.projectId !== undefined) return { nonce: focus.nonce, rowId: `p${focus.projectId}`, colId };
    if (focus.unitId !== undefined) return { nonce: focus.nonce, rowId: `u${focus.unitId}`, colId };
    if (focus.departmentId !== undefined) return { nonce: focus.nonce, rowId: departments.length > 1 ? `d${focus.departmentId}` : 'pinned', colId };
    return null;
  }, [focus, departments.length]);

  const table = useMemo(
    () => summaryTable(departments, [...ws.units.values()], ws.projects.values(), departmentId !== null && ws.departments.has(departmentId) ? departmentId : null),
    // The rows' version changes with every answer from the core that changed rows.
    [ws.rowsVersion, departmentId],
  );

  // The same list until the sums change (a new one is a change the grid takes); no 合计 of 0.00 while the year's rows
  // are still being read.
  const loaded = ws.facts !== null;
  const pinnedTop = useMemo(() => (loaded ? [table.total] : []), [table, loaded]);

  const openProject = useCallback((l: SummaryLine) => {
    if (l.kind !== 'project') return;
    // Asked for now, so the core reads it while this sheet is taken down.
    prefetchProject(l.id);
    navigate({ screen: 'project', id: l.id });
  }, [navigate]);

  const columns = useMemo<SheetColumn<SummaryLine>[]>(
    () => [
      {
        colId: 'name',
        headerName: '项目名称（资金使用单位）',
        minWidth: 220,
        flex: 1.2,
        wrap: true,
        editor: 'line',
        text: (l) => l.name,
        target: (l) =>
          l.kind === 'project'
            ? { entity: 'project', id: l.id, field: 'name' }
            : l.kind === 'unit'
              ? { entity: 'unit', id: l.id, field: 'name' }
              : l.kind === 'department'
                ? { entity: 'department', id: l.id, field: 'name' }
                : null,
        cellClass: (l) => `name-${l.kind}`,
      },
      {
        colId: 'total',
        headerName: '总计',
        width: 120,
        align: 'right',
        text: (l) => moneyText(l.total),
        headerTooltip: '总计 = 财政拨款 + 财政专户拨款 + 其他资金（自动计算）',
      },
      moneyColumn('fiscal', '财政拨款'),
      moneyColumn('fiscalSpecial', '财政专户拨款'),
      moneyColumn('other', '其他资金'),
      {
        colId: 'goal',
        headerName: '绩效目标',
        minWidth: 240,
        flex: 2,
        wrap: true,
        editor: 'box',
        text: (l) => (l.kind === 'project' ? l.goal : ''),
        target: (l) => (l.kind === 'project' ? { entity: 'project', id: l.id, field: 'goal' } : null),
      },
      {
        colId: 'indicators',
        headerName: '绩效指标',
        minWidth: 280,
        flex: 2.6,
        wrap: true,
        text: (l) => (l.kind === 'project' ? l.indicatorText : ''),
        activate: openProject,
        cellClass: (l) => (l.kind === 'project' && l.project.hasUnparsed ? 'has-problem' : undefined),
        render: (l) =>
          l.kind !== 'project' ? null : (
            // At most ten lines here, so a long list does not make the table unreadable; the project shows them all.
            <span className="clamp" title="按 Enter 或双击打开项目，查看和填写全部指标">
              {l.project.hasUnparsed && <span className="tag warn">有未识别的指标文字</span>}
              {l.indicatorText || <span className="muted">（尚无指标：按 Enter 打开项目填写）</span>}
            </span>
          ),
      },
    ],
    [openProject],
  );

  const commit = useCallback(async (writes: CellWrite[], label?: string) => {
    const r = await workspace.edit('edit.cells', { changes: writes.map((w) => ({ ...w.target, value: w.value })), ...(label ? { label } : {}) });
    return r !== null;
  }, []);

  /** After adding a row: put the focus on its name cell and open the editor, as a spreadsheet does. */
  const editNameOf = (key: string) => {
    requestAnimationFrame(() => {
      const api = apiRef.current;
      const node = api?.getRowNode(key);
      if (!api || !node || node.rowIndex === null) return;
      editCell(api, node.rowIndex, 'name');
    });
  };

  const focusedUnitId = (): number | null => {
    if (!focused) return null;
    if (focused.kind === 'project') return focused.unitId;
    if (focused.kind === 'unit') return focused.id;
    return null;
  };

  const addProject = async () => {
    const unitId = focusedUnitId() ?? table.lines.filter((l) => l.kind === 'unit').at(-1)?.id ?? null;
    if (unitId === null) {
      workspace.notify('请先新增单位：项目列在资金使用单位之下', 'error');
      return;
    }
    const index = focused?.kind === 'project' && focused.unitId === unitId ? focused.project.position + 1 : undefined;
    const r = await workspace.edit('project.add', { unitId, ...(index === undefined ? {} : { index }) });
    if (r?.created) editNameOf(`p${r.created}`);
  };

  const addUnit = async (c: UnitChoice) => {
    setUnitDialog(false);
    let departmentId = c.departmentId;
    if (departmentId === null) {
      const d: EditResult | null = await workspace.edit('department.add', { name: c.departmentName });
      if (!d?.created) return;
      departmentId = d.created;
      if (shownChoice !== ALL) setDeptChoice(String(departmentId));
    }
    const r = await workspace.edit('unit.add', { departmentId, name: c.unitName });
    if (r?.created) setFocused(null);
  };

  const remove = () => {
    const l = focusedNow.current;
    if (!l) {
      workspace.notify('请先选中要删除的项目、单位或部门所在的行');
      return;
    }
    if (l.kind === 'project') {
      void workspace.edit('project.delete', { ids: [l.id] });
    } else if (l.kind === 'unit') {
      const n = [...ws.projects.values()].filter((p) => p.unitId === l.id).length;
      const run = () => void workspace.edit('unit.delete', { id: l.id });
      if (n === 0) run();
      else setConfirm({ title: '删除单位', message: `删除单位“${l.name}”及其下 ${n} 个项目？（可撤销）`, run });
    } else if (l.kind === 'department') {
      const units = [...ws.units.values()].filter((u) => u.departmentId === l.id).map((u) => u.id);
      const n = [...ws.projects.values()].filter((p) => units.includes(p.unitId)).length;
      setConfirm({ title: '删除部门', message: `删除部门“${l.name}”及其下 ${units.length} 个单位、${n} 个项目？（可撤销）`, run: () => void workspace.edit('department.delete', { id: l.id }) });
    }
  };

  const move = (delta: -1 | 1) => {
    const l = focusedNow.current;
    if (!l) return;
    if (l.kind === 'project') void workspace.edit('project.move', { id: l.id, index: Math.max(0, l.project.position + delta) });
    else if (l.kind === 'unit') {
      const u = ws.units.get(l.id);
      if (u) void workspace.edit('unit.move', { id: l.id, index: Math.max(0, u.position + delta) });
    } else if (l.kind === 'department') {
      const d = ws.departments.get(l.id);
      if (d) void workspace.edit('department.move', { id: l.id, index: Math.max(0, d.position + delta) });
    }
  };

  const shownDept = departmentId !== null ? ws.departments.get(departmentId) : undefined;
  const overallDept = shownDept ?? (focused && focused.kind !== 'total' ? ws.departments.get(focused.kind === 'department' ? focused.id : focused.departmentId) : undefined);

  return (
    <div
      className="sheet summary-sheet"
      onKeyDown={(e) => {
        if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          e.preventDefault();
          move(e.key === 'ArrowUp' ? -1 : 1);
        }
      }}
    >
      <div className="sheet-title">
        <h1>项目支出绩效目标表（含转移支付项目）</h1>
        <div className="caption">
          <label>
            部门名称：
            <select aria-label="部门" value={shownChoice} onChange={(e) => setDeptChoice(e.target.value)}>
              {departments.length !== 1 && <option value={ALL}>全部部门（{departments.length} 个）</option>}
              {departments.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.name || '（未命名部门）'}
                </option>
              ))}
            </select>
          </label>
          <span>单位：万元</span>
        </div>
      </div>
      <div className="sheet-toolbar" role="toolbar" aria-label="表格操作">
        <button type="button" onClick={() => setUnitDialog(true)}>
          新增单位
        </button>
        <button type="button" onClick={() => void addProject()}>
          新增项目
        </button>
        <button type="button" onClick={remove} disabled={!focused || focused.kind === 'total'}>
          删除
        </button>
        <button type="button" onClick={() => move(-1)} disabled={!focused || focused.kind === 'total'} title="上移（Alt+↑）">
          上移
        </button>
        <button type="button" onClick={() => move(1)} disabled={!focused || focused.kind === 'total'} title="下移（Alt+↓）">
          下移
        </button>
        <span className="spacer" />
        <label className="style-choice">
          绩效指标文字格式
          <select value={ws.style} onChange={(e) => void workspace.edit('year.setStyle', { style: e.target.value as 'A' | 'B' | 'C' })}>
            <option value="A">A：1、产出指标：名称，年度指标值：…</option>
            <option value="B">B：1、1-产出指标,11-数量指标,名称；实施周期指标值:…</option>
            <option value="C">C：1.1-产出指标:11-数量指标:名称;实施周期指标值:…</option>
          </select>
        </label>
        <button type="button" disabled={!overallDept} onClick={() => overallDept && navigate({ screen: 'overall', departmentId: overallDept.id })}>
          部门整体绩效目标{overallDept && departmentId === null ? `（${overallDept.name}）` : ''}
        </button>
      </div>
      <SheetGrid<SummaryLine>
        ariaLabel="项目支出绩效目标表"
        rows={table.lines}
        pinnedTop={pinnedTop}
        rowId={(l) => l.key}
        columns={columns}
        onCommit={commit}
        rowKind={(l) => l.kind}
        rowClass={(l) => `line-${l.kind}`}
        onFocusRow={setFocused}
        onNotice={(t) => workspace.notify(t)}
        onReady={(api) => {
          apiRef.current = api;
        }}
        focusCell={focusCell}
      />
      {unitDialog && (
        <UnitDialog
          departments={departments}
          defaultDepartmentId={departmentId ?? (focused && focused.kind !== 'total' ? (focused.kind === 'department' ? focused.id : focused.departmentId) : null)}
          onClose={() => setUnitDialog(false)}
          onSubmit={(c) => void addUnit(c)}
        />
      )}
      {confirm && <ConfirmDialog title={confirm.title} message={confirm.message} confirm="删除" onConfirm={confirm.run} onClose={() => setConfirm(null)} />}
    </div>
  );
});
