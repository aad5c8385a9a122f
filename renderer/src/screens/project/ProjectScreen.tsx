// 项目绩效目标表 (T2) of one project, laid out as the template prints it: 项目编码 and 项目名称, the budget by source
// with 资金用途, the 资金支出计划 by quarter, 绩效目标, then the indicator grid with merged 一级/二级 cells.

import { Fragment, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FRAMEWORKS } from '../../../../shared/frameworks.ts';
import { type SummaryLine, summaryTable } from '../../../../shared/summaryTable.ts';
import type { Changes, IndicatorRow, ProjectView } from '../../../../shared/views.ts';
import { byPosition } from '../../../../shared/views.ts';
import { ApiError, call } from '../../api/client.ts';
import type { FocusRequest, Route } from '../../App.tsx';
import { focusField } from '../../ui/focusField.ts';
import { moneyEditText, moneyText } from '../../grid/columns.ts';
import { useWorkspace, workspace } from '../../state/workspace.ts';
import { FieldInput } from '../../ui/FieldInput.tsx';
import { IndicatorGrid } from '../indicators/IndicatorGrid.tsx';

const PLAN: [field: 'planMar' | 'planJun' | 'planOct' | 'planDec', label: string][] = [
  ['planMar', '3月底'],
  ['planJun', '6月底'],
  ['planOct', '10月底'],
  ['planDec', '12月底'],
];

/** Takes what a change says about this project's indicators. */
function withChanges(list: readonly IndicatorRow[], projectId: number, changes: Changes): IndicatorRow[] {
  const removed = new Set(changes.removed.indicators);
  const byId = new Map(list.filter((i) => !removed.has(i.id)).map((i) => [i.id, i]));
  for (const i of changes.indicators) {
    if (i.projectId === projectId) byId.set(i.id, i);
    else byId.delete(i.id);
  }
  return [...byId.values()].sort(byPosition);
}

/**
 * A project asked for as the officer opens it (Enter on its 绩效指标 cell), before the summary sheet is taken down:
 * the core reads it while the page changes screens. Taken only by that project's sheet, and only if nothing changed
 * in between (any answer from the core bumps the workspace's version) and it is fresh.
 */
let prefetched: { id: number; version: number; at: number; view: Promise<ProjectView> } | null = null;

export function prefetchProject(id: number): void {
  const view = call('view.project', { id });
  // A refusal (the project is gone) is the sheet's to report when it asks again.
  view.catch(() => undefined);
  prefetched = { id, version: workspace.version, at: performance.now(), view };
}

function readProject(id: number): Promise<ProjectView> {
  const p = prefetched;
  prefetched = null;
  if (p && p.id === id && p.version === workspace.version && performance.now() - p.at < 2000) return p.view;
  return call('view.project', { id });
}

/**
 * True a frame after `ready`: the sheet's header is drawn first and the indicator grid (making an AG Grid and
 * measuring its rows takes a good part of a second's tenth) right after, so the officer sees the project at once.
 */
function useAfterPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAfter(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}

/** The header field a project-level finding is about. */
const FIELD_LABEL: Readonly<Record<string, string>> = {
  name: '项目名称',
  code: '项目编码',
  goal: '绩效目标',
  purpose: '资金用途',
  funds: '财政拨款',
  total: '财政拨款',
  spendingPlan: '12月底',
};

// Memoised: the window redraws for every status change; the sheet for its own project and the rows' order.
export const ProjectScreen = memo(function ProjectScreen(props: { id: number; focus?: FocusRequest | undefined; navigate: (r: Route) => void }) {
  const { id, navigate, focus } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const ws = useWorkspace('rows');
  const [view, setView] = useState<ProjectView | null>(null);
  const [gone, setGone] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await readProject(id));
      setGone(false);
    } catch (e) {
      if (e instanceof ApiError) setGone(true);
      workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      workspace.onChanges((changes) => {
        if (changes.reload || changes.removed.projects.includes(id)) {
          void load();
          return;
        }
        // The project's own fields: read them again (one row). Its indicators: take them from the answer.
        if (changes.projects.some((p) => p.id === id)) {
          setView((v) => (v ? { ...v, indicators: withChanges(v.indicators, id, changes) } : v));
          void call('view.project', { id }).then(
            (fresh) => setView((v) => (v ? { ...fresh, indicators: withChanges(v.indicators, id, changes) } : fresh)),
            () => undefined,
          );
        }
      }),
    [id, load],
  );

  // A finding about a header field: select that field once the project is shown.
  const loaded = view !== null;
  const gridShown = useAfterPaint(loaded);
  useEffect(() => {
    if (!focus || !loaded || focus.indicatorId !== undefined) return;
    const label = focus.field ? FIELD_LABEL[focus.field] : undefined;
    if (label) focusField(rootRef.current, label);
  }, [focus, loaded]);
  // A finding about the indicators as a whole: 新增指标 at hand, once the grid is there.
  useEffect(() => {
    if (focus?.field === 'indicators' && focus.indicatorId === undefined && gridShown) rootRef.current?.querySelector<HTMLButtonElement>('.indicator-block button')?.focus();
  }, [focus, gridShown]);

  // Previous and next project in the summary table's order.
  const order = useMemo(() => {
    const t = summaryTable([...ws.departments.values()], [...ws.units.values()], ws.projects.values(), null);
    return t.lines.filter((l): l is Extract<SummaryLine, { kind: 'project' }> => l.kind === 'project').map((l) => l.id);
  }, [ws.rowsVersion]);
  const at = order.indexOf(id);

  if (gone) {
    return (
      <div className="sheet">
        <p>这个项目已不存在（可能已被删除或撤销）。</p>
        <button type="button" onClick={() => navigate({ screen: 'summary' })}>
          返回项目支出绩效目标表
        </button>
      </div>
    );
  }
  if (!view) return <div className="sheet loading">正在读取项目…</div>;
  const p = view.project;
  const fw = FRAMEWORKS[view.year.framework];
  const save = (field: string) => async (text: string) => {
    const r = await workspace.edit('edit.cells', { changes: [{ entity: 'project', id, field, value: text }] });
    return r !== null;
  };
  const total = p.fiscal + p.fiscalSpecial + p.other;

  return (
    <div className="sheet project-sheet" ref={rootRef}>
      <div className="sheet-nav">
        <button type="button" onClick={() => navigate({ screen: 'summary', focus: { nonce: Date.now(), projectId: id, field: 'indicators' } })}>
          返回项目支出绩效目标表
        </button>
        <button type="button" disabled={at <= 0} onClick={() => navigate({ screen: 'project', id: order[at - 1] as number })}>
          上一个项目
        </button>
        <button type="button" disabled={at < 0 || at >= order.length - 1} onClick={() => navigate({ screen: 'project', id: order[at + 1] as number })}>
          下一个项目
        </button>
        <span className="muted">
          {at >= 0 ? `第 ${at + 1} / ${order.length} 个项目` : ''} · {p.departmentName}
          {p.unitName !== p.departmentName ? ` › ${p.unitName}` : ''}
        </span>
      </div>
      <div className="sheet-title">
        <h1>{p.name || '（未命名项目）'}绩效目标表</h1>
        <div className="caption">
          <span>
            {p.unitCode}
            {p.unitName}
          </span>
          <span>单位：万元</span>
        </div>
      </div>
      <table className="form-table t2">
        <colgroup>
          <col className="label" />
          {Array.from({ length: 8 }, (_, i) => (
            <col key={i} />
          ))}
        </colgroup>
        <tbody>
          <tr>
            <th>项目编码</th>
            <td colSpan={3}>
              <FieldInput label="项目编码" hiddenLabel value={p.code} onSave={save('code')} />
            </td>
            <th>项目名称</th>
            <td colSpan={4}>
              <FieldInput label="项目名称" hiddenLabel value={p.name} onSave={save('name')} />
            </td>
          </tr>
          <tr>
            <th rowSpan={2}>预算规模及资金用途</th>
            <th>预算数</th>
            <td className="num computed" title="财政拨款 + 财政专户拨款 + 其他资金（自动计算）" aria-label="预算数">
              {moneyText(total) || '0.00'}
            </td>
            <th>财政拨款</th>
            <td>
              <FieldInput label="财政拨款" hiddenLabel numeric value={moneyEditText(p.fiscal)} onSave={save('fiscal')} />
            </td>
            <th>财政专户拨款</th>
            <td>
              <FieldInput label="财政专户拨款" hiddenLabel numeric value={moneyEditText(p.fiscalSpecial)} onSave={save('fiscalSpecial')} />
            </td>
            <th>其他资金</th>
            <td>
              <FieldInput label="其他资金" hiddenLabel numeric value={moneyEditText(p.other)} onSave={save('other')} />
            </td>
          </tr>
          <tr>
            <th>资金用途</th>
            <td colSpan={7}>
              <FieldInput label="资金用途" hiddenLabel multiline rows={2} value={p.purpose} onSave={save('purpose')} />
            </td>
          </tr>
          <tr>
            <th>
              资金支出计划
              <div className="th-note">（累计，万元）</div>
            </th>
            {PLAN.map(([field, label]) => (
              <Fragment key={field}>
                <th>{label}</th>
                <td>
                  <FieldInput label={label} hiddenLabel numeric value={moneyEditText(p[field])} onSave={save(field)} />
                </td>
              </Fragment>
            ))}
          </tr>
          <tr>
            <th>绩效目标</th>
            <td colSpan={8}>
              <FieldInput label="绩效目标" hiddenLabel multiline rows={4} value={p.goal} onSave={save('goal')} />
            </td>
          </tr>
        </tbody>
      </table>
      {p.unparsedIndicators !== '' && (
        <div className="unparsed" role="note">
          <FieldInput
            label="导入时未能识别的绩效指标文字（请据此在下表补录指标，然后清空这里）"
            multiline
            rows={3}
            value={p.unparsedIndicators}
            onSave={save('unparsedIndicators')}
          />
          <button type="button" onClick={() => void save('unparsedIndicators')('')}>
            已补录，清除这段文字
          </button>
        </div>
      )}
      <h2 className="grid-title">绩效指标</h2>
      {gridShown ? (
        <IndicatorGrid
          owner={{ projectId: id }}
          indicators={view.indicators}
          framework={fw}
          layout="project"
          focus={focus?.indicatorId !== undefined ? { nonce: focus.nonce, indicatorId: focus.indicatorId, ...(focus.field ? { field: focus.field } : {}) } : undefined}
        />
      ) : (
        <p className="muted">正在显示 {view.indicators.length} 条指标…</p>
      )}
    </div>
  );
});
