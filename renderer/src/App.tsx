// The window: Home until a year is open, then the year's sheets — the summary table (T1), a project (T2), a
// department's overall table (T3) — under one toolbar, with the status bar saying whether every change is saved.
// Ctrl+Z / Ctrl+Y undo and redo the year file's own history, across restarts.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocatedFinding } from '../../shared/api.ts';
import type { YearFacts } from '../../shared/views.ts';
import { ChecksPanel } from './screens/checks/ChecksPanel.tsx';
import { ProgressBar } from './ui/ProgressBar.tsx';
import { ExportDialog } from './dialogs/ExportDialog.tsx';
import { RollForwardDialog } from './dialogs/RollForwardDialog.tsx';
import { ImportDialog } from './dialogs/ImportDialog.tsx';
import { RestoreDialog } from './dialogs/RestoreDialog.tsx';
import { ApiError, hostKind, onMenu } from './api/client.ts';
import { NewYearDialog } from './dialogs/NewYearDialog.tsx';
import { HomeScreen } from './screens/home/HomeScreen.tsx';
import { OverallScreen } from './screens/overall/OverallScreen.tsx';
import { ProjectScreen } from './screens/project/ProjectScreen.tsx';
import { SummaryScreen } from './screens/summary/SummaryScreen.tsx';
import { workspace, useWorkspace } from './state/workspace.ts';
import { StatusBar } from './ui/StatusBar.tsx';
import { NoticeBar } from './ui/NoticeBar.tsx';
import { call } from './api/client.ts';

/** A cell to select when a screen opens (from the 审核 panel); `nonce` makes a second click on the same finding count. */
export interface FocusRequest {
  nonce: number;
  projectId?: number;
  unitId?: number;
  departmentId?: number;
  indicatorId?: number;
  taskId?: number;
  field?: string;
}

export type Route =
  | { screen: 'home' }
  | { screen: 'summary'; departmentId?: number | null; focus?: FocusRequest }
  | { screen: 'project'; id: number; focus?: FocusRequest }
  | { screen: 'overall'; departmentId: number; focus?: FocusRequest };

/** Where a finding is shown: the project sheet for a project's fields and indicators, T3 for the overall table. */
export function routeOf(f: LocatedFinding, nonce: number): Route | null {
  const t = f.target;
  const field = f.location.field;
  const focus: FocusRequest = {
    nonce,
    ...(field ? { field } : {}),
    ...(t.indicatorId !== undefined ? { indicatorId: t.indicatorId } : {}),
    ...(t.taskId !== undefined ? { taskId: t.taskId } : {}),
  };
  if (t.overall && t.departmentId !== null) return { screen: 'overall', departmentId: t.departmentId, focus };
  if (t.projectId !== undefined) return { screen: 'project', id: t.projectId, focus };
  if (t.unitId !== undefined) return { screen: 'summary', departmentId: t.departmentId, focus: { ...focus, unitId: t.unitId } };
  if (t.departmentId !== null) return { screen: 'summary', departmentId: null, focus: { ...focus, departmentId: t.departmentId } };
  return null;
}

/** Keys typed into a text field belong to it (its own undo); elsewhere Ctrl+Z is the year's undo. */
function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.dataset.testid === 'typing-proxy') return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** The screen survives a reload of the page (F5 in browser mode): kept for this tab only. */
const ROUTE_KEY = 'jxmb.route';

function savedRoute(): Route | null {
  try {
    const r = JSON.parse(sessionStorage.getItem(ROUTE_KEY) ?? 'null') as Route | null;
    return r && typeof r === 'object' && typeof r.screen === 'string' ? r : null;
  } catch {
    return null;
  }
}

export function App() {
  const ws = useWorkspace();
  const [route, setRouteState] = useState<Route>({ screen: 'home' });
  const setRoute = useCallback((r: Route) => {
    setRouteState(r);
    sessionStorage.setItem(ROUTE_KEY, JSON.stringify(r));
  }, []);
  const [newYearOpen, setNewYearOpen] = useState(false);
  const [checksOpen, setChecksOpen] = useState(false);
  const [dialog, setDialog] = useState<'export' | 'rollforward' | 'import' | 'restore' | null>(null);
  /** A year file that would not open (damaged, cut short): its backups are offered. */
  const [damaged, setDamaged] = useState<{ file: string; message: string } | null>(null);
  const [nonce, setNonce] = useState(0);
  const go = useCallback(
    (f: LocatedFinding) => {
      const r = routeOf(f, nonce + 1);
      setNonce((n) => n + 1);
      if (r) setRoute(r);
    },
    [nonce, setRoute],
  );

  // Opening a big year takes a moment: the officer sees that it is under way and may go back instead.
  const [opening, setOpening] = useState<{ name: string; run: number } | null>(null);
  /**
   * The year being opened while no year is shown yet (the app's start): its sheet is made at once and fills when
   * the core has read the rows, so making the grid overlaps the core's reading instead of following it.
   */
  const [loadingPath, setLoadingPath] = useState<string | null>(null);
  /** False until the page knows whether a year is open: Home is not drawn (nor its folder listed) for nothing. */
  const [started, setStarted] = useState(false);
  const openRun = useRef(0);
  const opened = useCallback(
    async (facts: YearFacts | null, restore = false) => {
      if (!facts) return;
      const run = ++openRun.current;
      const show = setTimeout(() => setOpening({ name: facts.path.split(/[\\/]/).pop() ?? '', run }), 300);
      const previous = restore ? savedRoute() : null;
      const target: Route = previous && previous.screen !== 'home' ? previous : { screen: 'summary', departmentId: null };
      // Another year on screen: its rows stay until the new ones are read, so the sheet is shown only then.
      const early = workspace.facts === null;
      if (early) {
        setLoadingPath(facts.path);
        setRoute(target);
      }
      try {
        await workspace.reload(facts.path);
        if (run !== openRun.current) return;
        if (!early) setRoute(target);
      } catch (e) {
        workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
        if (early && run === openRun.current) setRoute({ screen: 'home' });
      } finally {
        clearTimeout(show);
        if (run === openRun.current) {
          setOpening(null);
          setLoadingPath(null);
        }
      }
    },
    [setRoute],
  );
  const cancelOpening = useCallback(() => {
    openRun.current++;
    setOpening(null);
    setLoadingPath(null);
    void call('app.closeYear', {}).then(() => workspace.close());
    setRoute({ screen: 'home' });
  }, [setRoute]);

  /** Shows the year opened outside the page (npm start -- FILE.db, the 文件 menu, a double-click), or why it did not open. */
  const showWhatIsOpen = useCallback(async (live: () => boolean = () => true) => {
    try {
      // The usual start: a year is open, and its facts are all that is needed (app.home would also list, and so
      // open and check, every year file in the data folder first).
      const info = call('year.info', {}).catch(() => null);
      // Asked right behind it, so the core reads the rows while the page makes the sheet (see workspace.reload).
      workspace.prefetchSummary();
      const open = await info;
      if (!live()) return;
      if (open) {
        setStarted(true);
        await opened(open, true);
        return;
      }
      const home = await call('app.home', {});
      if (!live()) return;
      setStarted(true);
      const problem = home.startProblem;
      if (problem?.code === 'year-damaged') {
        setRoute({ screen: 'home' });
        setDamaged(problem);
      } else if (problem) {
        setRoute({ screen: 'home' });
        workspace.notify(`无法打开年度文件：${problem.message}`, 'error');
      } else if (home.open) await opened(home.open, true);
    } catch (e) {
      setStarted(true);
      workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }, [opened, setRoute]);

  // A year already open when the page loads (or a reload of the page) shows at once.
  useEffect(() => {
    let live = true;
    void showWhatIsOpen(() => live);
    return () => {
      live = false;
    };
  }, [showWhatIsOpen]);

  const openSample = useCallback(async () => {
    try {
      await opened(await call('app.openSample', {}));
    } catch (e) {
      workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }, [opened]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F7' && workspace.facts) {
        e.preventDefault();
        setChecksOpen((o) => !o);
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target) || !workspace.facts) return;
      const k = e.key.toLowerCase();
      if (k === 'e' || k === 'i') {
        e.preventDefault();
        setDialog(k === 'e' ? 'export' : 'import');
        return;
      }
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void workspace.undoRedo('undo');
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void workspace.undoRedo('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      onMenu((command) => {
        if (command === 'home') setRoute({ screen: 'home' });
        else if (command === 'show-open') void showWhatIsOpen();
        else if (command === 'new-year') setNewYearOpen(true);
        else if (command === 'open-sample') void openSample();
        else if (command === 'undo' || command === 'redo') void workspace.undoRedo(command);
        else if (command === 'validate') setChecksOpen(true);
        else if (command === 'export' && workspace.facts) setDialog('export');
        else if (command === 'rollforward' && workspace.facts) setDialog('rollforward');
        else if (command === 'import') setDialog('import');
        else if (command === 'restore' && workspace.facts) setDialog('restore');
      }),
    [openSample, setRoute, showWhatIsOpen],
  );

  const year = ws.facts;
  const shownPath = year?.path ?? loadingPath;
  return (
    <div className="app">
      <header className="toolbar" role="toolbar" aria-label="主工具栏">
        <strong className="app-name">绩效目标表编辑器</strong>
        <nav className="tabs" aria-label="页面">
          <button type="button" className={route.screen === 'home' ? 'active' : ''} onClick={() => setRoute({ screen: 'home' })}>
            首页
          </button>
          {year && (
            <button
              type="button"
              className={route.screen === 'summary' ? 'active' : ''}
              onClick={() => setRoute({ screen: 'summary', departmentId: route.screen === 'summary' ? (route.departmentId ?? null) : null })}
            >
              项目支出绩效目标表
            </button>
          )}
        </nav>
        <span className="spacer" />
        {year && (
          <>
            <button type="button" title="导入上年或其他来源的表格（Ctrl+I）" onClick={() => setDialog('import')}>
              导入
            </button>
            <button type="button" title="导出与官方模板一致的 xlsx（Ctrl+E）" onClick={() => setDialog('export')}>
              导出
            </button>
            <button type="button" title="由本年度生成下一年度的文件" onClick={() => setDialog('rollforward')}>
              结转到下一年度
            </button>
            <button
              type="button"
              aria-pressed={checksOpen}
              className={`checks-button${ws.findingCounts.error > 0 ? ' has-errors' : ''}`}
              title="审核（F7）：列出所有错误和警告，点一条即可定位"
              onClick={() => setChecksOpen((o) => !o)}
            >
              审核
            </button>
            <button
              type="button"
              disabled={ws.history.undo.length === 0}
              title={ws.history.undo[0] ? `撤销：${ws.history.undo[0]}（Ctrl+Z）` : '没有可撤销的操作'}
              onClick={() => void workspace.undoRedo('undo')}
            >
              撤销
            </button>
            <button
              type="button"
              disabled={ws.history.redo.length === 0}
              title={ws.history.redo[0] ? `重做：${ws.history.redo[0]}（Ctrl+Y）` : '没有可重做的操作'}
              onClick={() => void workspace.undoRedo('redo')}
            >
              重做
            </button>
          </>
        )}
      </header>
      <NoticeBar />
      <div className="workspace">
      <main className="screen">
        {route.screen === 'home' || !shownPath ? (
          !started ? null : <HomeScreen
            onOpened={opened}
            onNewYear={() => setNewYearOpen(true)}
            onSample={openSample}
            onImport={() => setDialog('import')}
            onRestore={() => setDialog('restore')}
            onDamaged={(file, message) => setDamaged({ file, message })}
          />
        ) : route.screen === 'summary' ? (
          <SummaryScreen key={shownPath} route={route} navigate={setRoute} />
        ) : route.screen === 'project' ? (
          <ProjectScreen key={route.id} id={route.id} focus={route.focus} navigate={setRoute} />
        ) : (
          <OverallScreen key={route.departmentId} departmentId={route.departmentId} focus={route.focus} navigate={setRoute} />
        )}
      </main>
      {year && checksOpen && <ChecksPanel onGo={go} onClose={() => setChecksOpen(false)} />}
      </div>
      <StatusBar host={hostKind()} />
      {opening && (
        <div className="opening-overlay" role="status" aria-label="正在打开">
          <div>
            <p>正在打开“{opening.name}”…</p>
            <ProgressBar label="正在读取项目和指标" done={0} total={0} />
            <button type="button" onClick={cancelOpening}>
              取消
            </button>
          </div>
        </div>
      )}
      {dialog === 'export' && year && <ExportDialog onClose={() => setDialog(null)} />}
      {(dialog === 'restore' && year) || damaged ? (
        <RestoreDialog
          {...(damaged ? { file: damaged.file, reason: `${damaged.message}。可以用下面的备份恢复它：` } : {})}
          onClose={() => {
            setDialog(null);
            setDamaged(null);
          }}
          onRestored={(facts) => {
            setDialog(null);
            setDamaged(null);
            workspace.notify('已用备份恢复年度文件');
            void opened(facts);
          }}
        />
      ) : null}
      {dialog === 'import' && (
        <ImportDialog
          year={year}
          onClose={() => {
            setDialog(null);
            void call('import.clear', {});
          }}
          onDone={() => {
            setDialog(null);
            void call('year.info', {}).then((facts) => opened(facts));
          }}
        />
      )}
      {dialog === 'rollforward' && year && (
        <RollForwardDialog
          year={year}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            void call('year.info', {}).then((facts) => opened(facts));
          }}
        />
      )}
      {newYearOpen && (
        <NewYearDialog
          onClose={() => setNewYearOpen(false)}
          onCreated={(facts) => {
            setNewYearOpen(false);
            void opened(facts);
          }}
        />
      )}
    </div>
  );
}
