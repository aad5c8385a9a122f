// 审核 in the editor is re-run after every change and checks again only what the change touched (store/findings.ts).
// Whatever the officer does — edit a value, add, delete or move rows, rename a unit, undo, redo, or change the file
// from another program — its answer must be exactly what a fresh 审核 of the file says.
import { describe, expect, it } from 'vitest';
import { invoke, type Session } from '../../electron/core/api/handlers.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { yearFileWithSeed } from './helpers.ts';

/** 审核 of the file as a new connection sees it: nothing kept from earlier runs. */
function freshFindings(file: string): unknown {
  const store = YearStore.open(file);
  try {
    return invoke({ store }, 'year.validate', {});
  } finally {
    store.close();
  }
}

async function openSeed(id: '000' | '003'): Promise<{ session: Session; file: string }> {
  const file = await yearFileWithSeed(id);
  return { session: { store: YearStore.open(file) }, file };
}

function projects(session: Session) {
  return invoke(session, 'view.summary', {}).projects;
}

function indicatorsOf(session: Session, projectId: number) {
  return invoke(session, 'view.project', { id: projectId }).indicators;
}

describe('审核 after changes checks again only what changed, and says what a fresh 审核 says', () => {
  it('a run of edits, moves, deletions, undo and redo', async () => {
    const { session, file } = await openSeed('000');
    const agree = (what: string) => expect(invoke(session, 'year.validate', {}), what).toEqual(freshFindings(file));
    agree('on opening');
    const [p1, p2, p3] = projects(session);
    const ind = indicatorsOf(session, p1!.id);

    invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id: ind[0]!.id, field: 'annualValue', value: '' }] });
    agree('an indicator value emptied');
    invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id: ind[1]!.id, field: 'level2', value: '' }] });
    agree('a 二级 emptied');
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: p2!.id, field: 'fiscal', value: '99999' }] });
    agree('an amount changed (totals and the cost check move with it)');
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: p2!.id, field: 'goal', value: '进一步提高服务水平' }] });
    agree('a goal changed');
    invoke(session, 'indicator.add', { projectId: p3!.id, level1: '满意度指标', level2: '' });
    agree('an indicator added');
    invoke(session, 'indicator.move', { id: ind[0]!.id, index: ind.length - 1 });
    agree('an indicator moved');
    invoke(session, 'indicator.delete', { ids: [ind[2]!.id] });
    agree('an indicator deleted');
    invoke(session, 'project.move', { id: p1!.id, index: 2, unitId: p1!.unitId });
    agree('a project moved');
    invoke(session, 'edit.cells', { changes: [{ entity: 'unit', id: p1!.unitId, field: 'name', value: '改名后的单位' }] });
    agree('its unit renamed');
    invoke(session, 'year.setStyle', { style: 'A' });
    agree('the summary grammar changed');
    invoke(session, 'project.delete', { ids: [p3!.id] });
    agree('a project deleted');
    const added = invoke(session, 'project.add', { unitId: p1!.unitId, index: 0, name: '新项目' }).created as number;
    agree('a project added');
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: added, field: 'name', value: p2!.name }] });
    agree('a project renamed to repeat another');
    for (let i = 0; i < 6; i++) {
      invoke(session, 'history.undo', {});
      agree(`undo ${i + 1}`);
    }
    for (let i = 0; i < 3; i++) {
      invoke(session, 'history.redo', {});
      agree(`redo ${i + 1}`);
    }
  });

  it('a change made by another program on the same file is seen', async () => {
    const { session, file } = await openSeed('003');
    invoke(session, 'year.validate', {});
    const p = projects(session)[0]!;
    const other: Session = { store: YearStore.open(file) };
    const ind = indicatorsOf(other, p.id);
    invoke(other, 'edit.cells', { changes: [{ entity: 'indicator', id: ind[0]!.id, field: 'annualValue', value: '***' }] });
    other.store?.close();
    const findings = invoke(session, 'year.validate', {});
    expect(findings.some((f) => f.check === 'value-placeholder' && f.target.indicatorId === ind[0]!.id)).toBe(true);
    expect(findings).toEqual(freshFindings(file));
  });

  it('an unchanged year answers with the findings it already has; a change to one project leaves the others’ as they were', async () => {
    const { session, file } = await openSeed('000');
    const first = invoke(session, 'year.validate', {});
    expect(invoke(session, 'year.validate', {})).toBe(first);
    const [p1, p2] = projects(session);
    const ind = indicatorsOf(session, p1!.id);
    invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id: ind[0]!.id, field: 'annualValue', value: '无' }] });
    const after = invoke(session, 'year.validate', {});
    expect(after).toEqual(freshFindings(file));
    expect(after.some((f) => f.check === 'value-placeholder' && f.target.indicatorId === ind[0]!.id)).toBe(true);
    // The other project's findings are the very objects of the first run: they were not checked again.
    const of = (list: typeof first, id: number) => list.filter((f) => f.target.projectId === id);
    expect(of(first, p2!.id).length).toBeGreaterThan(0);
    of(after, p2!.id).forEach((f, i) => expect(f).toBe(of(first, p2!.id)[i]));
  });
});

describe('year.checks: what the 审核 panel shows, without sending every finding', () => {
  it('counts every finding, and gives the ones asked for, errors first, at most `limit`', async () => {
    const { session } = await openSeed('000');
    const all = invoke(session, 'year.validate', {});
    const errors = all.filter((f) => f.severity === 'error');
    const warnings = all.filter((f) => f.severity === 'warning');
    expect(errors.length).toBeGreaterThan(2);
    expect(warnings.length).toBeGreaterThan(0);

    const everything = invoke(session, 'year.checks', {});
    expect(everything).toEqual({ errors: errors.length, warnings: warnings.length, matching: all.length, findings: [...errors, ...warnings] });

    const first = invoke(session, 'year.checks', { limit: 2 });
    expect(first.matching).toBe(all.length);
    expect(first.findings).toEqual(errors.slice(0, 2));

    const onlyWarnings = invoke(session, 'year.checks', { severity: 'warning' });
    expect(onlyWarnings.findings).toEqual(warnings);
    expect(onlyWarnings.errors).toBe(errors.length);

    const word = all[0]!.message.slice(0, 4);
    const found = invoke(session, 'year.checks', { text: ` ${word} ` });
    expect(found.findings.length).toBeGreaterThan(0);
    expect(found.findings.every((f) => f.message.includes(word) || JSON.stringify(f.location).includes(word))).toBe(true);
    expect(found.matching).toBe(found.findings.length);
    expect(invoke(session, 'year.checks', { text: '没有这样的文字' })).toMatchObject({ matching: 0, findings: [] });
  });
});
