// What an edit answers with — the rows its step changed, read back inside its transaction from the step's log — and
// the printed totals an amount edit drops, on real year files: the screens patch their rows from these answers.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke, type Session } from '../../electron/core/api/handlers.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { serializeInterchange } from '../../shared/interchange.ts';
import { summaryView } from '../../electron/core/store/rows.ts';
import { generateYear } from '../../bench/generate.ts';
import { seedPath, tempDir } from './helpers.ts';
import fs from 'node:fs';

/** Seed 000 (one department, one unit, stated totals on all three levels) loaded into a new year file. */
function seed000(): { session: Session; store: YearStore } {
  const store = YearStore.create(path.join(tempDir(), '2023.db'), { fiscalYear: 2023, framework: 'A' });
  const session = { store };
  invoke(session, 'year.load', { json: fs.readFileSync(seedPath('000'), 'utf8') });
  return { session, store };
}

const statedTotals = (store: YearStore) => {
  const d = store.read().departments[0]!;
  const u = d.units[0]!;
  return { department: d.statedTotal, unit: u.statedTotal, projects: u.projects.map((p) => p.statedTotal) };
};

describe('an amount edit drops the printed totals on its path', () => {
  it('drops the project, unit and department totals once, and undo brings them back', () => {
    const { session, store } = seed000();
    const before = statedTotals(store);
    expect(before.department).toBe(110743);
    expect(before.unit).toBe(110743);
    expect(before.projects.every((t) => t !== null)).toBe(true);
    const [first, second] = summaryView(store).projects;

    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: first!.id, field: 'fiscal', value: '90.00' }] });
    expect(statedTotals(store)).toEqual({ department: null, unit: null, projects: [null, ...before.projects.slice(1)] });

    // Nothing left to drop on the unit and department: the second project's own total still goes.
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: second!.id, field: 'other', value: '1.00' }] });
    expect(statedTotals(store)).toEqual({ department: null, unit: null, projects: [null, null, ...before.projects.slice(2)] });

    // A text edit drops nothing.
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: second!.id, field: 'goal', value: '新目标' }] });
    expect(statedTotals(store).projects.slice(2)).toEqual(before.projects.slice(2));

    invoke(session, 'history.undo', {});
    invoke(session, 'history.undo', {});
    expect(statedTotals(store)).toEqual({ department: null, unit: null, projects: [null, ...before.projects.slice(1)] });
    invoke(session, 'history.undo', {});
    expect(statedTotals(store)).toEqual(before);
  });
});

describe('the rows an edit answers with', () => {
  it('lists each changed row once, in the order the step changed them, with the projects whose 绩效指标 text changed', () => {
    const { session, store } = seed000();
    const [a, b, c] = summaryView(store).projects;
    const block = invoke(session, 'edit.cells', {
      changes: [
        { entity: 'project', id: c!.id, field: 'name', value: '丙' },
        { entity: 'project', id: a!.id, field: 'name', value: '甲' },
        { entity: 'project', id: c!.id, field: 'goal', value: '目标' },
      ],
    });
    expect(block.changes.projects.map((p) => [p.id, p.name])).toEqual([
      [c!.id, '丙'],
      [a!.id, '甲'],
    ]);
    expect(block.changes.reload).toBe(false);

    const ind = invoke(session, 'view.project', { id: b!.id }).indicators[0]!;
    const edited = invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id: ind.id, field: 'annualValue', value: '≥7次' }] });
    expect(edited.changes.indicators.map((i) => [i.id, i.annualValue, i.target.op])).toEqual([[ind.id, '≥7次', '≥']]);
    expect(edited.changes.projects.map((p) => p.id)).toEqual([b!.id]);
    expect(edited.changes.projects[0]!.indicatorText).toBe(summaryView(store).projects.find((p) => p.id === b!.id)!.indicatorText);
    expect(edited.changes.projects[0]!.indicatorText).toContain('≥7次');
  });

  it('lists what a deletion removed, and what its undo brought back', () => {
    const { session, store } = seed000();
    const p = summaryView(store).projects[1]!;
    const inds = invoke(session, 'view.project', { id: p.id }).indicators.map((i) => i.id);
    const del = invoke(session, 'project.delete', { ids: [p.id] });
    expect(del.changes.removed.projects).toEqual([p.id]);
    expect(del.changes.removed.indicators).toEqual(inds);
    // The projects after it moved up one place; the deleted one is only in `removed`.
    expect(del.changes.projects.map((x) => [x.id, x.position])).toEqual(summaryView(store).projects.slice(1).map((x) => [x.id, x.position]));
    const undone = invoke(session, 'history.undo', {});
    // The project back in its place, and those after it moved down again.
    expect(undone.changes.projects.map((x) => x.id).sort()).toEqual(summaryView(store).projects.slice(1).map((x) => x.id).sort());
    expect(undone.changes.indicators.map((x) => x.id)).toEqual(inds);
    expect(undone.changes.removed.projects).toEqual([]);
  });

  it('says "read again" for a change of the year\'s settings, a load, and a step too large to list', () => {
    const { session, store } = seed000();
    expect(invoke(session, 'year.setStyle', { style: 'C' }).changes.reload).toBe(true);
    expect(invoke(session, 'history.undo', {}).changes.reload).toBe(true);
    const other = generateYear(520);
    invoke(session, 'year.load', { json: serializeInterchange({ ...other, fiscalYear: 2023, framework: 'A' }) });
    expect(invoke(session, 'history.undo', {}).changes.reload).toBe(true);
    expect(invoke(session, 'history.redo', {}).changes.reload).toBe(true);
    // 510 projects with 10 indicators each: 5,610 rows deleted, more than an answer lists.
    const ids = summaryView(store).projects.slice(0, 510).map((x) => x.id);
    const big = invoke(session, 'project.delete', { ids });
    expect(big.changes.reload).toBe(true);
    expect(big.changes.projects).toEqual([]);
    const small = invoke(session, 'project.delete', { ids: [summaryView(store).projects[0]!.id] });
    expect(small.changes.reload).toBe(false);
  });
});
