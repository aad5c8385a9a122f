// The 结转到下一年度 wizard's side of the core: a preview of what carrying the year forward will do (which projects,
// 新增 or 延续, every text whose year changes, before → after) that writes nothing, and the job that writes next
// year's file — built under a temporary name and renamed into place only when complete, so a cancel or a failure
// leaves no file behind.

import fs from 'node:fs';
import path from 'node:path';
import type { RollForwardPreview, RollForwardProject } from '../../shared/api.ts';
import { UserError } from '../../shared/errors.ts';
import type { YearData } from '../../shared/model.ts';
import { rollForward } from '../../shared/rollforward.ts';
import { yearFileName } from './app/yearFileName.ts';
import type { JobContext } from './jobs.ts';
import { readWithIds } from './store/findings.ts';
import { makeBackup } from './store/backups.ts';
import { YearStore } from './store/yearStore.ts';
import { createYearFileWith } from './store/newYearFile.ts';

export interface RollForwardRequest {
  toYear: number;
  keepAmounts: boolean;
  /** The projects to carry, by id; all when absent. */
  projectIds?: readonly number[];
  /** The folder the new file goes into (the data folder). */
  dir: string;
}

/** The year with only the chosen projects (departments, units and overall tables stay). */
function chosen(store: YearStore, projectIds: readonly number[] | undefined): { data: YearData; projects: RollForwardProject[] } {
  const { data, tree } = readWithIds(store);
  const keep = projectIds ? new Set(projectIds) : null;
  const projects: RollForwardProject[] = [];
  data.departments.forEach((d, di) =>
    d.units.forEach((u, ui) => {
      const ids = tree.departments[di]?.units[ui]?.projects ?? [];
      const kept = u.projects.filter((p, pi) => {
        const id = ids[pi]?.id ?? 0;
        // A project carried from last year keeps last year's values beside this year's: it continues (延续).
        projects.push({ id, name: p.name, department: d.name, unit: u.name, kind: p.indicators.some((i) => i.priorValue.trim() !== '') ? '延续' : '新增', indicators: p.indicators.length });
        return !keep || keep.has(id);
      });
      u.projects = kept;
    }),
  );
  return { data, projects };
}

export function rollForwardPreview(store: YearStore, req: RollForwardRequest): RollForwardPreview {
  const { data, projects } = chosen(store, req.projectIds);
  const result = rollForward(data, { toYear: req.toYear, keepAmounts: req.keepAmounts });
  const target = path.join(req.dir, yearFileName(req.toYear));
  return {
    from: data.fiscalYear,
    to: result.data.fiscalYear,
    projects,
    carried: result.projects,
    indicators: result.indicators,
    changes: result.changes,
    target,
    targetExists: fs.existsSync(target),
  };
}

export async function runRollForward(store: YearStore, req: RollForwardRequest, ctx: JobContext): Promise<{ path: string; projects: number; indicators: number }> {
  ctx.progress(0, 3, '正在结转项目和指标');
  const { data } = chosen(store, req.projectIds);
  const result = rollForward(data, { toYear: req.toYear, keepAmounts: req.keepAmounts });
  const target = path.join(req.dir, yearFileName(result.data.fiscalYear));
  if (fs.existsSync(target)) throw new UserError(`“${target}”已存在，未覆盖。请先打开它，或把它改名后再结转`);
  await ctx.checkpoint();
  ctx.progress(1, 3, '正在备份本年度');
  makeBackup(store.path, '结转前');
  await ctx.checkpoint();
  ctx.progress(2, 3, '正在写入新年度文件');
  createYearFileWith(target, { fiscalYear: result.data.fiscalYear, framework: data.framework }, (next) =>
    next.append(result.data, `结转自 ${data.fiscalYear} 年度`, { rolled_from: String(data.fiscalYear) }),
  );
  ctx.progress(3, 3, '已完成');
  return { path: target, projects: result.projects, indicators: result.indicators };
}
