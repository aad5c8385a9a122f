// The first screen: which year is open, its projects with their money (合计 pinned), and what 审核 finds.
// Editing comes with the desktop-app work; this screen already reads everything through the typed API.

import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import {
  AllCommunityModule,
  type ColDef,
  ModuleRegistry,
  themeQuartz,
  type ValueFormatterParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseInterchange } from '../../shared/interchange.ts';
import { formatMoney } from '../../shared/money.ts';
import { projectTotal, type YearData } from '../../shared/model.ts';
import { countBySeverity, describeLocation, type Finding } from '../../shared/validation.ts';
import { ApiError, call, openYearFile } from './api.ts';

ModuleRegistry.registerModules([AllCommunityModule]);

interface YearInfo {
  path: string;
  fiscalYear: number;
  framework: 'A' | 'B';
}

interface HistoryState {
  undo: string[];
  redo: string[];
}

interface ProjectRow {
  unit: string;
  name: string;
  total: number;
  fiscal: number;
  fiscalSpecial: number;
  other: number;
  indicators: number;
}

const money = (p: ValueFormatterParams<ProjectRow, number>) => (p.value ? formatMoney(p.value) : '');

const COLUMNS: ColDef<ProjectRow>[] = [
  { field: 'unit', headerName: '资金使用单位', width: 220 },
  { field: 'name', headerName: '项目名称', flex: 1, minWidth: 260 },
  { field: 'total', headerName: '总计', width: 130, type: 'rightAligned', valueFormatter: money },
  { field: 'fiscal', headerName: '财政拨款', width: 130, type: 'rightAligned', valueFormatter: money },
  { field: 'fiscalSpecial', headerName: '财政专户拨款', width: 130, type: 'rightAligned', valueFormatter: money },
  { field: 'other', headerName: '其他资金', width: 120, type: 'rightAligned', valueFormatter: money },
  { field: 'indicators', headerName: '指标数', width: 90, type: 'rightAligned' },
];

function rowsOf(year: YearData): ProjectRow[] {
  return year.departments.flatMap((d) =>
    d.units.flatMap((u) =>
      u.projects.map((p) => ({
        unit: u.name,
        name: p.name,
        total: projectTotal(p),
        fiscal: p.funds.fiscal,
        fiscalSpecial: p.funds.fiscalSpecial,
        other: p.funds.other,
        indicators: p.indicators.length,
      })),
    ),
  );
}

function totalRow(rows: ProjectRow[]): ProjectRow {
  const sum = (k: 'total' | 'fiscal' | 'fiscalSpecial' | 'other') => rows.reduce((s, r) => s + r[k], 0);
  return {
    unit: '合计',
    name: '',
    total: sum('total'),
    fiscal: sum('fiscal'),
    fiscalSpecial: sum('fiscalSpecial'),
    other: sum('other'),
    indicators: rows.reduce((s, r) => s + r.indicators, 0),
  };
}

export function App() {
  const [info, setInfo] = useState<YearInfo | null>(null);
  const [year, setYear] = useState<YearData | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [history, setHistory] = useState<HistoryState>({ undo: [], redo: [] });
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const i = await call<YearInfo>('year.info');
      const [dump, f, h] = await Promise.all([
        call<string>('year.dump'),
        call<Finding[]>('year.validate'),
        call<HistoryState>('history.state'),
      ]);
      setInfo(i);
      setYear(parseInterchange(dump));
      setFindings(f);
      setHistory(h);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), []));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const step = useCallback(
    async (channel: 'history.undo' | 'history.redo') => {
      await call(channel);
      await refresh();
    },
    [refresh],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === 'z' && !e.shiftKey) void step('history.undo');
      else if (e.key === 'y' || (e.key === 'z' && e.shiftKey)) void step('history.redo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const rows = useMemo(() => (year ? rowsOf(year) : []), [year]);
  const pinned = useMemo(() => [totalRow(rows)], [rows]);
  const counts = countBySeverity(findings);

  if (!info) {
    return (
      <main className="welcome">
        <h1>绩效目标表编辑器</h1>
        <p>每个财政年度保存为一个文件，可复制、备份、发送。</p>
        <button type="button" onClick={() => void openYearFile().then(refresh, (e: ApiError) => setError(e))}>
          打开年度文件…
        </button>
        {error && !error.message.startsWith('还没有打开') && <p className="error">{error.message}</p>}
      </main>
    );
  }

  return (
    <div className="app">
      <header>
        <strong>{info.fiscalYear} 年度</strong>
        <span>指标体系 {info.framework}</span>
        <span className="path" title={info.path}>{info.path}</span>
        <span className="spacer" />
        <button type="button" disabled={history.undo.length === 0} title={history.undo[0] ? `撤销：${history.undo[0]}（Ctrl+Z）` : '没有可撤销的操作'} onClick={() => void step('history.undo')}>
          撤销
        </button>
        <button type="button" disabled={history.redo.length === 0} title={history.redo[0] ? `重做：${history.redo[0]}（Ctrl+Y）` : '没有可重做的操作'} onClick={() => void step('history.redo')}>
          重做
        </button>
      </header>
      {error && <p className="error" role="alert">{error.message}</p>}
      <section className="grid">
        <AgGridReact<ProjectRow>
          theme={themeQuartz}
          localeText={AG_GRID_LOCALE_CN}
          rowData={rows}
          columnDefs={COLUMNS}
          pinnedBottomRowData={pinned}
        />
      </section>
      <section className="findings" aria-label="审核结果">
        <h2>
          审核：{counts.error} 个错误，{counts.warning} 个警告
        </h2>
        <ol>
          {findings.map((f, i) => (
            <li key={i} className={f.severity}>
              <span className="badge">{f.severity === 'error' ? '错误' : '警告'}</span>
              <span className="where">{describeLocation(f.location)}</span>
              <span>{f.message}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
