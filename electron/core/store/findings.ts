// 审核 for the editor: the same findings the CLI prints (shared/validation.ts works on the year's data, by position),
// each given the ids of the entities it is about, so the 审核 panel can open the project or sheet and select the
// very cell. Positions are turned into ids in the order YearStore.read() reads the year.

import type { FindingTarget, LocatedFinding } from '../../../shared/api.ts';
import { validateYear } from '../../../shared/validation.ts';
import type { YearStore } from './yearStore.ts';

export interface IdTree {
  departments: {
    id: number;
    overallIndicators: number[];
    tasks: number[];
    units: { id: number; projects: { id: number; indicators: number[] }[] }[];
  }[];
}

/** The ids of the year's entities, in the order the year is read (position, then id, at every level). */
export function idTree(store: YearStore): IdTree {
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
  const projectIndicators = group('SELECT project_id AS owner, id FROM indicator WHERE project_id IS NOT NULL ORDER BY project_id, position, id');
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
        projects: (projects.get(u) ?? []).map((p) => ({ id: p, indicators: projectIndicators.get(p) ?? [] })),
      })),
    })),
  };
}

export function locatedFindings(store: YearStore): LocatedFinding[] {
  const tree = idTree(store);
  return validateYear(store.read()).map((f) => {
    const l = f.location;
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
    return { ...f, target };
  });
}
