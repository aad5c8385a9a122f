// 部门整体预算绩效目标表 (T3, seed 004): the department's names, staffing, the budget broken down three ways (by type,
// by source, by level — the three must agree, checked as the officer types), 总体绩效目标, 年度重点工作任务 (their amounts
// must add up to 项目支出), and the department's indicators with merged 一级/二级 cells.

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { t3Title } from '../../../../shared/export/t3Overall.ts';
import { FRAMEWORKS } from '../../../../shared/frameworks.ts';
import { formatMoney } from '../../../../shared/money.ts';
import type { Changes, OverallRow, OverallView, TaskRow } from '../../../../shared/views.ts';
import { byPosition, overallBreakdowns } from '../../../../shared/views.ts';
import { ApiError, call } from '../../api/client.ts';
import type { FocusRequest, Route } from '../../App.tsx';
import { focusField } from '../../ui/focusField.ts';
import { moneyEditText, moneyText } from '../../grid/columns.ts';
import { type CellWrite, SheetGrid, type SheetColumn } from '../../grid/SheetGrid.tsx';
import { workspace } from '../../state/workspace.ts';
import { FieldInput } from '../../ui/FieldInput.tsx';
import { IndicatorGrid } from '../indicators/IndicatorGrid.tsx';

type BudgetField = 'budgetBasic' | 'budgetProject' | 'budgetFiscal' | 'budgetOther' | 'budgetOwnLevel' | 'budgetTransfer';

function applyChanges(v: OverallView, departmentId: number, c: Changes): OverallView {
  const removedTasks = new Set(c.removed.tasks);
  const tasks = new Map(v.tasks.filter((t) => !removedTasks.has(t.id)).map((t) => [t.id, t]));
  for (const t of c.tasks) if (t.departmentId === departmentId) tasks.set(t.id, t);
  const removedInd = new Set(c.removed.indicators);
  const indicators = new Map(v.indicators.filter((i) => !removedInd.has(i.id)).map((i) => [i.id, i]));
  for (const i of c.indicators) if (i.departmentId === departmentId) indicators.set(i.id, i);
  const overall = c.removed.overalls.includes(departmentId) ? null : (c.overalls.find((o) => o.departmentId === departmentId) ?? v.overall);
  const department = c.departments.find((d) => d.id === departmentId) ?? v.department;
  return { ...v, department, overall, tasks: [...tasks.values()].sort(byPosition), indicators: [...indicators.values()].sort(byPosition) };
}

const FIELD_LABEL: Readonly<Record<string, string>> = { name: '预算单位名称', goal: '总体绩效目标', budget: '基本支出' };

// Memoised: the window redraws for every status change, the sheet for its own rows.
export const OverallScreen = memo(function OverallScreen(props: { departmentId: number; focus?: FocusRequest | undefined; navigate: (r: Route) => void }) {
  const { departmentId, navigate, focus } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<OverallView | null>(null);

  const load = useCallback(async () => {
    try {
      setView(await call('view.overall', { departmentId }));
    } catch (e) {
      workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }, [departmentId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      workspace.onChanges((c) => {
        if (c.reload || c.removed.departments.includes(departmentId)) void load();
        else setView((v) => (v ? applyChanges(v, departmentId, c) : v));
      }),
    [departmentId, load],
  );

  const taskColumns = useMemo<SheetColumn<TaskRow>[]>(() => {
    const text = (field: 'name' | 'content' | 'expected', headerName: string, flex: number): SheetColumn<TaskRow> => ({
      colId: field,
      headerName,
      flex,
      minWidth: 140,
      wrap: true,
      editor: 'box',
      text: (t) => t[field],
      target: (t) => ({ entity: 'task', id: t.id, field }),
    });
    return [
      text('name', '名称', 1),
      text('content', '主要实施内容', 2.4),
      {
        colId: 'amount',
        headerName: '拟投入的资金（万元）',
        width: 150,
        align: 'right',
        editor: 'money',
        text: (t) => moneyText(t.amount),
        editText: (t) => moneyEditText(t.amount),
        target: (t) => ({ entity: 'task', id: t.id, field: 'amount' }),
      },
      text('expected', '期望达到的目标（概述）', 2),
    ];
  }, []);

  const commit = useCallback(async (writes: CellWrite[], label?: string) => {
    const r = await workspace.edit('edit.cells', { changes: writes.map((w) => ({ ...w.target, value: w.value })), ...(label ? { label } : {}) });
    return r !== null;
  }, []);
  const [focusedTask, setFocusedTask] = useState<TaskRow | null>(null);
  const loaded = view !== null;
  useEffect(() => {
    if (!focus || !loaded || focus.indicatorId !== undefined || focus.taskId !== undefined) return;
    const label = focus.field ? FIELD_LABEL[focus.field] : undefined;
    if (label) focusField(rootRef.current, label);
  }, [focus, loaded]);
  const taskFocus = useMemo(() => (focus?.taskId !== undefined ? { nonce: focus.nonce, rowId: String(focus.taskId), colId: 'name' } : null), [focus]);

  if (!view) return <div className="sheet loading">正在读取部门整体绩效目标…</div>;
  const d = view.department;
  const o = view.overall;
  const year = view.year;
  const back = (
    <div className="sheet-nav">
      <button type="button" onClick={() => navigate({ screen: 'summary', departmentId })}>
        返回项目支出绩效目标表
      </button>
    </div>
  );
  if (!o) {
    return (
      <div className="sheet overall-sheet">
        {back}
        <h1>{t3Title(year.fiscalYear)}</h1>
        <p>部门“{d.name}”还没有部门整体绩效目标。</p>
        <button type="button" className="primary" onClick={() => void workspace.edit('overall.create', { departmentId })}>
          开始填写部门整体绩效目标
        </button>
      </div>
    );
  }

  const save = (entity: 'overall' | 'department', field: string) => async (text: string) =>
    (await workspace.edit('edit.cells', { changes: [{ entity, id: departmentId, field, value: text }] })) !== null;
  const money = (field: BudgetField, label: string) => (
    <FieldInput label={label} hiddenLabel numeric value={moneyEditText(o[field])} onSave={save('overall', field)} />
  );
  const b = overallBreakdowns(o as OverallRow);
  const agree = b.byType === b.bySource && b.byType === b.byLevel;
  const taskSum = view.tasks.reduce((s, t) => s + t.amount, 0);
  const tasksAgree = view.tasks.length === 0 || taskSum === o.budgetProject;

  return (
    <div className="sheet overall-sheet" ref={rootRef}>
      {back}
      <div className="sheet-title">
        <h1>{t3Title(year.fiscalYear)}</h1>
      </div>
      <table className="form-table t3">
        <tbody>
          <tr>
            <th>预算单位名称</th>
            <td colSpan={4}>
              <FieldInput label="预算单位名称" hiddenLabel value={d.name} onSave={save('department', 'name')} />
            </td>
          </tr>
          <tr>
            <th>主管部门名称</th>
            <td colSpan={4}>
              <FieldInput label="主管部门名称" hiddenLabel value={o.supervisor} onSave={save('overall', 'supervisor')} />
            </td>
          </tr>
          <tr>
            <th>财政供养人员数</th>
            <th>在职人数</th>
            <td>
              <FieldInput label="在职人数" hiddenLabel numeric value={String(o.staffActive)} onSave={save('overall', 'staffActive')} />
            </td>
            <th>离退休人数</th>
            <td>
              <FieldInput label="离退休人数" hiddenLabel numeric value={String(o.staffRetired)} onSave={save('overall', 'staffRetired')} />
            </td>
          </tr>
          <tr>
            <th rowSpan={6}>预算整体情况</th>
            <th>按支出类型划分</th>
            <th>预算金额（万元）</th>
            <th>按收入来源划分</th>
            <th>预算金额（万元）</th>
          </tr>
          <tr>
            <th>其中：基本支出</th>
            <td>{money('budgetBasic', '基本支出')}</td>
            <th>其中：财政拨款</th>
            <td>{money('budgetFiscal', '财政拨款')}</td>
          </tr>
          <tr>
            <th>项目支出</th>
            <td>{money('budgetProject', '项目支出')}</td>
            <th>其他资金</th>
            <td>{money('budgetOther', '其他资金')}</td>
          </tr>
          <tr>
            <th>按预算级次划分</th>
            <th>预算金额（万元）</th>
            <td colSpan={2} rowSpan={3} className={`identity ${agree ? 'ok' : 'bad'}`} role="status" aria-label="预算整体情况核对">
              <div>按支出类型合计 {formatMoney(b.byType)}</div>
              <div>按收入来源合计 {formatMoney(b.bySource)}</div>
              <div>按预算级次合计 {formatMoney(b.byLevel)}</div>
              <strong>{agree ? '三种划分一致' : '三种划分的合计不一致，请核对'}</strong>
            </td>
          </tr>
          <tr>
            <th>其中：本级使用资金</th>
            <td>{money('budgetOwnLevel', '本级使用资金')}</td>
          </tr>
          <tr>
            <th>拟转移支付资金</th>
            <td>{money('budgetTransfer', '拟转移支付资金')}</td>
          </tr>
          <tr>
            <th>总体绩效目标</th>
            <td colSpan={4}>
              <FieldInput label="总体绩效目标" hiddenLabel multiline rows={5} value={o.goal} onSave={save('overall', 'goal')} />
            </td>
          </tr>
        </tbody>
      </table>

      <h2 className="grid-title">年度重点工作任务</h2>
      <div className="sheet-toolbar" role="toolbar" aria-label="任务操作">
        <button type="button" onClick={() => void workspace.edit('task.add', { departmentId })}>
          新增任务
        </button>
        <button type="button" disabled={!focusedTask} onClick={() => focusedTask && void workspace.edit('task.delete', { ids: [focusedTask.id] })}>
          删除任务
        </button>
        <span className={`identity-inline ${tasksAgree ? 'ok' : 'bad'}`} role="status" aria-label="任务资金核对">
          任务拟投入资金合计 {formatMoney(taskSum)} 万元{view.tasks.length === 0 ? '' : tasksAgree ? '，与项目支出一致' : `，与项目支出 ${formatMoney(o.budgetProject)} 万元不一致`}
        </span>
      </div>
      <SheetGrid<TaskRow>
        ariaLabel="年度重点工作任务"
        className="task-grid"
        autoHeight
        rows={view.tasks}
        rowId={(t) => String(t.id)}
        columns={taskColumns}
        onCommit={commit}
        onFocusRow={setFocusedTask}
        onNotice={(t) => workspace.notify(t)}
        focusCell={taskFocus}
      />

      <h2 className="grid-title">绩效指标</h2>
      <IndicatorGrid
        owner={{ departmentId }}
        indicators={view.indicators}
        framework={FRAMEWORKS[year.framework]}
        layout="overall"
        focus={focus?.indicatorId !== undefined ? { nonce: focus.nonce, indicatorId: focus.indicatorId, ...(focus.field ? { field: focus.field } : {}) } : undefined}
      />
    </div>
  );
});
