// What the screens share about the open year: its facts, the summary rows (departments, units, projects by id), the
// undo/redo history and whether the last change is saved. Every change goes through `edit`, which sends it to the
// core, applies the rows the core answers with, and lets the screens that show them redraw — so the summary grid,
// the project sheet and the status bar always agree with the year file.

import { useSyncExternalStore } from 'react';
import type { ApiInput, ApiOutput, Channel, LocatedFinding } from '../../../shared/api.ts';
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
  /** 审核 of the year as it is now (re-run shortly after every change). */
  findings: LocatedFinding[] = [];
  /** The year's revision this page has seen: a different one means a change made elsewhere. */
  private revision = 0;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  /** The last change the core could not save, kept for 重试. */
  failedEdit: { channel: EditChannel; input: unknown } | null = null;
  checking = false;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private checkRun = 0;
  /** Bumped on every change, so React sees a new snapshot. */
  version = 0;
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

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Reads the summary view again: on opening a year, and when a change touched too much to list. */
  async reload(): Promise<void> {
    const v = await call('view.summary', {});
    this.facts = v.year;
    this.style = v.style;
    this.departments = new Map(v.departments.map((d) => [d.id, d]));
    this.units = new Map(v.units.map((u) => [u.id, u]));
    this.projects = new Map(v.projects.map((p) => [p.id, p]));
    this.history = await call('history.state', {});
    this.revision = await call('year.revision', {});
    this.emit();
    this.scheduleCheck(0);
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
      call('year.revision', {}).then(
        (r) => {
          if (r !== this.revision && this.pending === 0) void this.changedElsewhere();
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

  /** Runs 审核 again a moment after the last change (typing a row of amounts runs it once, not per cell). */
  scheduleCheck(delayMs = 400): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), delayMs);
  }

  async check(): Promise<LocatedFinding[]> {
    if (!this.facts) return [];
    const run = ++this.checkRun;
    this.checking = true;
    this.emit();
    try {
      const findings = await call('year.validate', {});
      // An answer overtaken by a newer run is dropped: the newer one describes the year as it is.
      if (run === this.checkRun) this.findings = findings;
    } catch {
      // 审核 that cannot run now runs again after the next change; the editor goes on.
    } finally {
      if (run === this.checkRun) this.checking = false;
      this.emit();
    }
    return this.findings;
  }

  close(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.facts = null;
    this.findings = [];
    this.departments.clear();
    this.units.clear();
    this.projects.clear();
    this.history = { undo: [], redo: [] };
    this.save = { kind: 'idle' };
    this.emit();
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

export const workspace = new Workspace();

/** Re-renders the component whenever the workspace changes. */
export function useWorkspace(): Workspace {
  useSyncExternalStore(workspace.subscribe, () => workspace.version);
  return workspace;
}
