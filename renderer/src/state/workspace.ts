// What the screens share about the open year: its facts, the summary rows (departments, units, projects by id), the
// undo/redo history and whether the last change is saved. Every change goes through `edit`, which sends it to the
// core, applies the rows the core answers with, and lets the screens that show them redraw — so the summary grid,
// the project sheet and the status bar always agree with the year file.
//
// A year holds thousands of rows, so what changed is told apart: the rows (and the year's facts) have their own
// version, and a screen that shows rows redraws only when they change — not when the status bar says 正在保存… or a
// new 审核 arrives. 审核 itself runs when the officer pauses (see scheduleCheck): in a big year it keeps the core busy
// for a second or more, and the first paint and the next edit must not wait behind it.

import { useSyncExternalStore } from 'react';
import type { ApiInput, ApiOutput, Channel, ChecksView, LocatedFinding } from '../../../shared/api.ts';
import type { SummaryStyle } from '../../../shared/model.ts';
import { type Changes, type DepartmentRow, type EditResult, type HistoryState, noChanges as emptyChanges, type ProjectRow, type Revision, type UnitRow, type YearFacts } from '../../../shared/views.ts';
import { ApiError, call } from '../api/client.ts';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date; label: string } | { kind: 'failed'; message: string };

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  details: readonly string[];
}

type Listener = () => void;

/** Findings the page holds after each 审核 (the 审核 panel's first page); the counts are of all of them. */
export const FIRST_FINDINGS = 300;
const NO_FINDINGS: ChecksView = { errors: 0, warnings: 0, matching: 0, findings: [] };

/** What a screen redraws for: `rows` (the year's facts and its departments, units, projects), or `all`. */
export type WorkspaceTopic = 'rows' | 'all';

/** How long the officer must have left the keyboard and mouse alone before 审核 runs. */
const CHECK_QUIET_MS = 1000;
/** After opening a year, the first 审核 waits this long at least, so the first screen paints without it. */
const CHECK_AFTER_OPEN_MS = 1500;
type ChangeListener = (changes: Changes) => void;

/** Channels that change the year and answer with an EditResult. */
export type EditChannel = {
  [C in Channel]: ApiOutput<C> extends EditResult ? C : never;
}[Channel];

class Workspace {
  facts: YearFacts | null = null;
  style: SummaryStyle = 'B';
  departments = new Map<number, DepartmentRow>();
  units = new Map<number, UnitRow>();
  projects = new Map<number, ProjectRow>();
  history: HistoryState = { undo: [], redo: [] };
  save: SaveState = { kind: 'idle' };
  notice: Notice | null = null;
  /**
   * The first findings of 审核 of the year as it is now (re-run after every change), errors first. A year being
   * drafted has tens of thousands: the 审核 panel asks the core (`year.checks`) for more, or for others, when wanted.
   */
  findings: LocatedFinding[] = [];
  /** How many findings 审核 made, errors and warnings (the status bar shows them always). */
  findingCounts = { error: 0, warning: 0 };
  /** Bumped at each 审核 answer: a screen that asked for findings of its own asks again. */
  checksVersion = 0;
  /** The year's revision this page has seen: a different one means a change made elsewhere. */
  private revision = 0;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  /** The last change the core could not save, kept for 重试. */
  failedEdit: { channel: EditChannel; input: unknown } | null = null;
  checking = false;
  /** False from opening a year until its first 审核 has answered: until then no count is shown as if it were one. */
  checked = false;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private checkIdle: number | null = null;
  private checkRun = 0;
  /** When the officer last pressed a key or a mouse button (performance.now()). */
  private lastInput = 0;
  /** Bumped on every change, so React sees a new snapshot. */
  version = 0;
  /** Bumped when the rows or the year's facts change: the grids redraw for this only. */
  rowsVersion = 0;
  private pending = 0;
  private noticeId = 0;
  private readonly listeners = new Set<Listener>();
  private readonly changeListeners = new Set<ChangeListener>();

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Screens that hold rows of their own (a project's indicators) hear every change, to take theirs. */
  onChanges(l: ChangeListener): () => void {
    this.changeListeners.add(l);
    return () => this.changeListeners.delete(l);
  }

  private emit(rows = false): void {
    this.version++;
    if (rows) this.rowsVersion++;
    for (const l of this.listeners) l();
  }

  private setFindings(view: ChecksView): void {
    this.findings = view.findings;
    this.findingCounts = { error: view.errors, warning: view.warnings };
    this.checksVersion++;
  }

  /**
   * The summary asked for as the page starts, before it knows whether a year is open (it usually is): the core reads
   * it while the page makes the sheet. Taken by the next reload if it is of that very year and fresh.
   */
  private early: { at: number; view: Promise<SummaryRead> } | null = null;

  prefetchSummary(): void {
    const view = readSummary();
    // No year open (Home): nothing to take; the reload that comes later asks again.
    view.catch(() => undefined);
    this.early = { at: performance.now(), view };
  }

  private async takeEarly(path: string | undefined): Promise<SummaryRead | null> {
    const e = this.early;
    this.early = null;
    if (!e || path === undefined || performance.now() - e.at > 5000) return null;
    const read = await e.view.catch(() => null);
    return read?.[0].year.path === path ? read : null;
  }

  /**
   * Reads the summary view again: on opening a year (`path`: the year being opened), and when a change touched too
   * much to list.
   */
  async reload(path?: string): Promise<void> {
    const [v, history, revision] = (await this.takeEarly(path)) ?? (await readSummary());
    if (this.facts?.path !== v.year.path) {
      // Another year: the findings shown were about the one before.
      this.setFindings(NO_FINDINGS);
      this.checked = false;
    }
    this.facts = v.year;
    this.style = v.style;
    this.departments = new Map(v.departments.map((d) => [d.id, d]));
    this.units = new Map(v.units.map((u) => [u.id, u]));
    this.projects = new Map(v.projects.map((p) => [p.id, p]));
    this.history = history;
    this.revision = revision;
    this.emit(true);
    this.scheduleCheck(CHECK_AFTER_OPEN_MS);
    this.startPolling();
  }

  /**
   * Now and then, asks whether the year changed elsewhere (another browser tab, the CLI or another program on the
   * same file); if so, reads the view again and says so.
   */
  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      if (!this.facts || document.visibilityState !== 'visible' || this.pending > 0) return;
      const asked = this.revision;
      call('year.revision', {}).then(
        (r) => {
          // An answer that crossed an edit of this page's on the way (the edit's answer came first) is about a year
          // this page has already moved past: only one that differs from where the page still stands tells of a
          // change made elsewhere. (Taking the other for one re-read the year under the officer's typing.)
          if (r !== this.revision && this.revision === asked && this.pending === 0) void this.changedElsewhere();
        },
        () => undefined,
      );
    }, 3000);
  }

  private async changedElsewhere(): Promise<void> {
    await this.reload();
    for (const l of this.changeListeners) l({ ...emptyChanges(), reload: true });
    this.notify('年度文件在别处被修改了（另一个窗口、标签页或程序），已重新读取');
  }

  /** Takes an action's revision: one that did not start where this page was means a change made elsewhere. */
  private seen(r: Revision | undefined): boolean {
    if (!r) return false;
    const missed = r.before !== this.revision;
    this.revision = r.after;
    return missed;
  }

  /**
   * Runs 审核 again once the officer pauses: `delayMs` after the last change, and not before the keyboard and mouse
   * have been left alone for a moment, when the page is idle (typing a row of amounts runs it once, not per cell;
   * the edits and the opening of a project never queue behind it in the core).
   */
  scheduleCheck(delayMs = CHECK_QUIET_MS): void {
    this.cancelScheduledCheck();
    this.watchInput();
    const due = performance.now() + delayMs;
    const wait = () => {
      const left = Math.max(due, this.lastInput + CHECK_QUIET_MS) - performance.now();
      if (left > 0) {
        this.checkTimer = setTimeout(wait, left);
        return;
      }
      this.checkTimer = null;
      const run = () => {
        this.checkIdle = null;
        void this.check();
      };
      // Where the page has no idle callback (older engines), a timer does; the timeout keeps a busy page from
      // putting 审核 off for ever.
      if (typeof requestIdleCallback === 'function') this.checkIdle = requestIdleCallback(run, { timeout: 2000 });
      else run();
    };
    this.checkTimer = setTimeout(wait, delayMs);
  }

  /** Runs the 审核 that is waiting for a pause now (the officer opened the panel: the findings are wanted now). */
  checkNowIfWaiting(): void {
    if (this.checkTimer !== null || this.checkIdle !== null) void this.check();
  }

  private cancelScheduledCheck(): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    if (this.checkIdle !== null) cancelIdleCallback(this.checkIdle);
    this.checkIdle = null;
  }

  private watchingInput = false;

  /** Notes the officer's keys and clicks (capture phase, so no screen can hide them), for scheduleCheck. */
  private watchInput(): void {
    if (this.watchingInput || typeof window === 'undefined') return;
    this.watchingInput = true;
    const note = () => {
      this.lastInput = performance.now();
    };
    for (const type of ['keydown', 'pointerdown', 'wheel'] as const) window.addEventListener(type, note, { capture: true, passive: true });
  }

  /** Runs 审核 now; answers how many errors and warnings it found. */
  async check(): Promise<{ error: number; warning: number }> {
    if (!this.facts) return this.findingCounts;
    this.cancelScheduledCheck();
    const run = ++this.checkRun;
    this.checking = true;
    this.emit();
    try {
      const view = await call('year.checks', { limit: FIRST_FINDINGS });
      // An answer overtaken by a newer run is dropped: the newer one describes the year as it is.
      if (run === this.checkRun) {
        this.setFindings(view);
        this.checked = true;
      }
    } catch {
      // 审核 that cannot run now runs again after the next change; the editor goes on.
    } finally {
      if (run === this.checkRun) this.checking = false;
      this.emit();
    }
    return this.findingCounts;
  }

  close(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.cancelScheduledCheck();
    this.facts = null;
    this.setFindings(NO_FINDINGS);
    this.checked = false;
    this.departments.clear();
    this.units.clear();
    this.projects.clear();
    this.history = { undo: [], redo: [] };
    this.save = { kind: 'idle' };
    this.emit(true);
  }

  private async apply(changes: Changes): Promise<void> {
    if (changes.reload) {
      await this.reload();
    } else {
      for (const id of changes.removed.departments) this.departments.delete(id);
      for (const id of changes.removed.units) this.units.delete(id);
      for (const id of changes.removed.projects) this.projects.delete(id);
      for (const d of changes.departments) this.departments.set(d.id, d);
      for (const u of changes.units) this.units.set(u.id, u);
      for (const p of changes.projects) this.projects.set(p.id, p);
      if (rowsChanged(changes)) this.rowsVersion++;
    }
    for (const l of this.changeListeners) l(changes);
    this.scheduleCheck();
  }

  notify(text: string, kind: Notice['kind'] = 'info', details: readonly string[] = []): void {
    this.notice = { id: ++this.noticeId, kind, text, details };
    this.emit();
  }

  dismissNotice(): void {
    this.notice = null;
    this.emit();
  }

  private failed(e: unknown, retry: { channel: EditChannel; input: unknown } | null = null): void {
    const err = e instanceof ApiError ? e : new ApiError(String(e), [], false);
    this.save = { kind: 'failed', message: err.message };
    // A refusal of bad input is final; a sound change the file could not take (busy, disk full, moved) may go in later.
    this.failedEdit = retry && err.code === 'not-saved' ? retry : null;
    this.notice = { id: ++this.noticeId, kind: 'error', text: err.message, details: err.details };
  }

  /** Sends the change that could not be saved once more. */
  async retry(): Promise<void> {
    const f = this.failedEdit;
    if (!f) return;
    this.failedEdit = null;
    this.notice = null;
    await this.edit(f.channel, f.input as ApiInput<typeof f.channel>);
  }

  /**
   * Sends one change to the core. Resolves to its result, or null when the core refused it — then the notice says
   * why and nothing changed.
   */
  async edit<C extends EditChannel>(channel: C, input: ApiInput<C>): Promise<EditResult | null> {
    this.pending++;
    this.save = { kind: 'saving' };
    this.emit();
    try {
      const r = (await call(channel, input)) as EditResult;
      const missed = this.seen(r.revision);
      await this.apply(missed ? { ...r.changes, reload: true } : r.changes);
      this.failedEdit = null;
      if (r.label) {
        this.history = { undo: [r.label, ...this.history.undo], redo: [] };
        this.save = { kind: 'saved', at: new Date(), label: r.label };
      } else if (this.pending === 1) {
        this.save = this.save.kind === 'saving' ? { kind: 'idle' } : this.save;
      }
      return r;
    } catch (e) {
      this.failed(e, { channel, input });
      return null;
    } finally {
      this.pending--;
      if (this.pending === 0 && this.save.kind === 'saving') this.save = { kind: 'idle' };
      this.emit();
    }
  }

  async undoRedo(direction: 'undo' | 'redo'): Promise<void> {
    if ((direction === 'undo' ? this.history.undo : this.history.redo).length === 0) {
      this.notify(direction === 'undo' ? '没有可撤销的操作' : '没有可重做的操作');
      return;
    }
    this.save = { kind: 'saving' };
    this.emit();
    try {
      const r = await call(direction === 'undo' ? 'history.undo' : 'history.redo', {});
      this.history = r.history;
      const missed = this.seen(r.revision);
      await this.apply(missed ? { ...r.changes, reload: true } : r.changes);
      if (r.label) {
        this.save = { kind: 'saved', at: new Date(), label: `${direction === 'undo' ? '已撤销' : '已重做'}：${r.label}` };
        this.notice = { id: ++this.noticeId, kind: 'info', text: `${direction === 'undo' ? '已撤销' : '已重做'}：${r.label}`, details: [] };
      }
    } catch (e) {
      this.failed(e);
    } finally {
      if (this.save.kind === 'saving') this.save = { kind: 'idle' };
      this.emit();
    }
  }
}

type SummaryRead = [ApiOutput<'view.summary'>, HistoryState, number];

/** The summary view with the history and revision it goes with: asked together, the core answers them in turn. */
function readSummary(): Promise<SummaryRead> {
  return Promise.all([call('view.summary', {}), call('history.state', {}), call('year.revision', {})]);
}

/** Whether a change touched the summary rows (an indicator's edit does too: it rewrites its project's 绩效指标 text). */
function rowsChanged(c: Changes): boolean {
  const r = c.removed;
  return c.departments.length + c.units.length + c.projects.length + r.departments.length + r.units.length + r.projects.length > 0;
}

export const workspace = new Workspace();

/**
 * Re-renders the component when the workspace changes: on every change (`all`), or only when the rows or the year's
 * facts change (`rows`: the grids, which must not redraw thousands of rows for a status line).
 */
export function useWorkspace(topic: WorkspaceTopic = 'all'): Workspace {
  useSyncExternalStore(workspace.subscribe, topic === 'rows' ? () => workspace.rowsVersion : () => workspace.version);
  return workspace;
}
