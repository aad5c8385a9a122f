// 审核 for the editor: the same findings the CLI prints (shared/validation.ts works on the year's data, by position),
// each given the ids of the entities it is about, so the 审核 panel can open the project or sheet and select the
// very cell. Positions are turned into ids in the order YearStore.read() reads the year.
//
// The editor runs 审核 again after every change, on a year of up to 50,000 indicators: what did not change is not
// read or checked again (see `noteChanges`), so that 审核 keeps pace with typing.

import type { ApiInput, ChecksView, FindingTarget, LocatedFinding } from '../../../shared/api.ts';
import { type Finding, findingMatches, type ProjectFindingsMemo, validateYear } from '../../../shared/validation.ts';
import type { YearData } from '../../../shared/model.ts';
import type { Changes, Revision } from '../../../shared/views.ts';
import type { ProjectCache, YearStore } from './yearStore.ts';

export interface IdTree {
  departments: {
    id: number;
    overallIndicators: number[];
    tasks: number[];
    units: { id: number; projects: { id: number; indicators: number[] }[] }[];
  }[];
}

/** What 审核 keeps between runs on one open year file, and the revision of the year it describes. */
interface Memo {
  revision: number;
  /** The projects as last read (the year's bulk), and which of them edits changed since. */
  projects: ProjectCache;
  findings: ProjectFindingsMemo;
  located: WeakMap<Finding, LocatedFinding>;
  /** The answer for `revision`, until the next change. */
  result: LocatedFinding[] | null;
}

const memos = new WeakMap<YearStore, Memo>();

/**
 * Told of every action's changes (by `invoke`), so that the next 审核 reads and checks again only the projects the
 * action touched. A change the memo cannot follow — one made elsewhere, or too large to list — drops it, and the
 * next 审核 checks the whole year.
 */
export function noteChanges(store: YearStore, changes: Changes, revision: Revision | undefined): void {
  const m = memos.get(store);
  if (!m || revision === undefined || revision.before === revision.after) return;
  if (revision.before !== m.revision || changes.reload) {
    memos.delete(store);
    return;
  }
  const stale = m.projects.stale;
  for (const p of changes.projects) stale.add(p.id);
  for (const id of changes.removed.projects) stale.add(id);
  for (const i of changes.indicators) if (i.projectId !== null) stale.add(i.projectId);
  m.revision = revision.after;
  m.result = null;
}

/** The ids of the year's entities, in the order the year is read (position, then id, at every level). */
export function idTree(store: YearStore, cache: ProjectCache): IdTree {
  const db = store.db;
  const group = (sql: string) => {
    const m = new Map<number, number[]>();
    for (const r of db.prepare(sql).all() as { owner: number; id: number }[]) {
      let list = m.get(r.owner);
      if (!list) m.set(r.owner, (list = []));
      list.push(r.id);
    }
    return m;
  };
  const overallIndicators = group('SELECT department_id AS owner, id FROM indicator WHERE department_id IS NOT NULL ORDER BY department_id, position, id');
  const tasks = group('SELECT department_id AS owner, id FROM overall_task ORDER BY department_id, position, id');
  const projects = group('SELECT unit_id AS owner, id FROM project ORDER BY unit_id, position, id');
  const units = group('SELECT department_id AS owner, id FROM unit ORDER BY department_id, position, id');
  const departments = db.prepare('SELECT id FROM department ORDER BY position, id').pluck().all() as number[];
  return {
    departments: departments.map((d) => ({
      id: d,
      overallIndicators: overallIndicators.get(d) ?? [],
      tasks: tasks.get(d) ?? [],
      units: (units.get(d) ?? []).map((u) => ({
        id: u,
        projects: (projects.get(u) ?? []).map((p) => ({ id: p, indicators: cache.byProject.get(p)?.ids ?? [] })),
      })),
    })),
  };
}

function emptyCache(): ProjectCache {
  return { byProject: new Map(), stale: new Set() };
}

/** The whole year, and the ids of its entities in the same order. */
export function readWithIds(store: YearStore): { data: YearData; tree: IdTree } {
  const cache = emptyCache();
  const data = store.read(cache);
  return { data, tree: idTree(store, cache) };
}

/**
 * 审核 of the open year, each finding with the ids it is about. The same year (no change since) answers at once;
 * after edits only the projects they touched are read and checked again.
 */
export function locatedFindings(store: YearStore): LocatedFinding[] {
  const revision = store.revision();
  let m = memos.get(store);
  if (m?.revision === revision && m.result) return m.result;
  if (m?.revision !== revision) {
    m = { revision, projects: emptyCache(), findings: new WeakMap(), located: new WeakMap(), result: null };
    memos.set(store, m);
  }
  const memo = m;
  // One read: the tree's indicator ids are the ones this read put into the cache.
  const year = store.read(memo.projects);
  const tree = idTree(store, memo.projects);
  const result = validateYear(year, memo.findings).map((f) => {
    // A finding kept from the last run (its project unchanged) keeps its answer object, when its ids are the same.
    const target = targetOf(tree, f.location);
    const kept = memo.located.get(f);
    if (kept && sameTarget(kept.target, target)) return kept;
    const located: LocatedFinding = { ...f, target };
    memo.located.set(f, located);
    return located;
  });
  memo.result = result;
  return result;
}

/** 审核 as the 审核 panel and the status bar show it (`year.checks`): counts, and the findings asked for, errors first. */
export function checksView(store: YearStore, ask: ApiInput<'year.checks'>): ChecksView {
  const all = locatedFindings(store);
  const severity = ask.severity ?? 'all';
  const text = ask.text?.trim() ?? '';
  let errors = 0;
  const matching: LocatedFinding[] = [];
  const matchingWarnings: LocatedFinding[] = [];
  for (const f of all) {
    if (f.severity === 'error') errors++;
    if (!findingMatches(f, severity, text)) continue;
    (f.severity === 'error' ? matching : matchingWarnings).push(f);
  }
  const count = matching.length + matchingWarnings.length;
  const limit = ask.limit ?? count;
  const findings = matching.length >= limit ? matching.slice(0, limit) : matching.concat(matchingWarnings.slice(0, limit - matching.length));
  return { errors, warnings: all.length - errors, matching: count, findings };
}

function targetOf(tree: IdTree, l: Finding['location']): FindingTarget {
  const d = tree.departments[l.departmentIndex];
  const target: FindingTarget = { departmentId: d?.id ?? null };
  if (l.overall) {
    target.overall = true;
    if (l.indicatorIndex !== undefined) {
      const id = d?.overallIndicators[l.indicatorIndex];
      if (id !== undefined) target.indicatorId = id;
    }
    if (l.taskIndex !== undefined) {
      const id = d?.tasks[l.taskIndex];
      if (id !== undefined) target.taskId = id;
    }
  } else if (l.unitIndex !== undefined) {
    const u = d?.units[l.unitIndex];
    if (u) target.unitId = u.id;
    const p = l.projectIndex !== undefined ? u?.projects[l.projectIndex] : undefined;
    if (p) {
      target.projectId = p.id;
      const id = l.indicatorIndex !== undefined ? p.indicators[l.indicatorIndex] : undefined;
      if (id !== undefined) target.indicatorId = id;
    }
  }
  return target;
}

function sameTarget(a: FindingTarget, b: FindingTarget): boolean {
  return a.departmentId === b.departmentId && a.unitId === b.unitId && a.projectId === b.projectId && a.indicatorId === b.indicatorId && a.taskId === b.taskId && a.overall === b.overall;
}
