// The editor's channels of the handler map, on real year files: every change is one undoable step that answers with
// the rows it changed, bad values are refused with the field named and nothing written, and the views read what
// the screens show.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke, type Session } from '../../electron/core/api/handlers.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { formatMoney } from '../../shared/money.ts';
import { rowTotal, sumRows } from '../../shared/views.ts';
import { sha256, tempDir, yearFileWithSeed } from './helpers.ts';

function freshYear(framework: 'A' | 'B' = 'A'): { session: Session; file: string } {
  const file = path.join(tempDir(), '2025年绩效目标.db');
  const store = YearStore.create(file, { fiscalYear: 2025, framework });
  return { session: { store }, file };
}

async function openSeed(id: '000' | '002' | '003' | '004'): Promise<Session> {
  return { store: YearStore.open(await yearFileWithSeed(id)) };
}

/** A year with one department, one unit and two projects, built through the channels. */
function smallYear() {
  const { session, file } = freshYear();
  const dept = invoke(session, 'department.add', { name: '某市信访局' }).created as number;
  const unit = invoke(session, 'unit.add', { departmentId: dept, name: '某市信访局本级' }).created as number;
  const p1 = invoke(session, 'project.add', { unitId: unit, name: '物业管理费' }).created as number;
  const p2 = invoke(session, 'project.add', { unitId: unit, name: '信访专项业务经费' }).created as number;
  return { session, file, dept, unit, p1, p2 };
}

describe('field edits', () => {
  it('an amount typed as 1,107.43 is stored exactly and the answer carries the updated row', () => {
    const { session, p1 } = smallYear();
    const r = invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: p1, field: 'fiscal', value: '1,107.43' }] });
    expect(r.label).toBe('修改项目“物业管理费”的财政拨款');
    const row = r.changes.projects.find((p) => p.id === p1);
    expect(row?.fiscal).toBe(110743);
    expect(formatMoney(rowTotal(row!))).toBe('1,107.43');
    expect(session.store?.history().undo[0]).toBe('修改项目“物业管理费”的财政拨款');
  });

  it.each([
    ['12.345', '超过两位的小数'],
    ['abc', '不是数字'],
    ['-5', '负数'],
    ['89万元', '带有单位'],
  ])('refuses %s in an amount, naming the project and the field, and writes nothing', (value, reason) => {
    const { session, file, p1 } = smallYear();
    const before = session.store!.history().undo.length;
    const bytes = sha256(file);
    expect(() => invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: p1, field: 'other', value }] })).toThrow(
      new RegExp(`项目“物业管理费” › 其他资金：.*${reason}`),
    );
    expect(session.store!.history().undo.length).toBe(before);
    expect(sha256(file)).toBe(bytes);
  });

  it('a pasted block is one step; one bad cell refuses the whole block and lists it', () => {
    const { session, p1, p2 } = smallYear();
    const good = [
      { entity: 'project' as const, id: p1, field: 'fiscal', value: '89.00' },
      { entity: 'project' as const, id: p1, field: 'goal', value: '做好市人民来访接待厅的物业管理' },
      { entity: 'project' as const, id: p2, field: 'fiscal', value: '720' },
    ];
    let err: unknown;
    try {
      invoke(session, 'edit.cells', { changes: [...good, { entity: 'project', id: p2, field: 'other', value: '七百' }] });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toBe('有 1 个单元格的内容不能接受，全部未修改');
    expect((err as { details: string[] }).details).toEqual([expect.stringMatching(/^项目“信访专项业务经费” › 其他资金：金额“七百”不是数字/)]);
    const view = invoke(session, 'view.summary', {});
    expect(view.projects.map((p) => p.fiscal)).toEqual([0, 0]);

    const r = invoke(session, 'edit.cells', { changes: good });
    expect(r.label).toBe('修改 3 个单元格');
    expect(sumRows(invoke(session, 'view.summary', {}).projects).total).toBe(80900);
    invoke(session, 'history.undo', {});
    expect(sumRows(invoke(session, 'view.summary', {}).projects).total).toBe(0);
  });

  it('a value that does not change anything leaves no undo step', () => {
    const { session, p1 } = smallYear();
    const before = session.store!.history().undo;
    const r = invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: p1, field: 'name', value: '物业管理费' }] });
    expect(r.label).toBeNull();
    expect(session.store!.history().undo).toEqual(before);
  });

  it('changing an amount drops the totals an imported table printed, so the grid and 审核 agree', async () => {
    const session = await openSeed('000');
    const first = invoke(session, 'view.summary', {}).projects[0]!;
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: first.id, field: 'fiscal', value: '1.00' }] });
    const findings = invoke(session, 'year.validate', {});
    expect(findings.filter((f) => /total-mismatch|subtotal|grand-total/.test(f.check))).toEqual([]);
  });

  it('an annual value derives its parts; editing an indicator re-renders the project 绩效指标 text', async () => {
    const session = await openSeed('003');
    const p = invoke(session, 'view.summary', {}).projects[0]!;
    const detail = invoke(session, 'view.project', { id: p.id });
    const ind = detail.indicators[0]!;
    const r = invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id: ind.id, field: 'annualValue', value: '≥260天' }] });
    expect(r.changes.indicators[0]?.target).toEqual({ op: '≥', number: '260', unit: '天' });
    expect(r.changes.projects.find((x) => x.id === p.id)?.indicatorText).toContain('年度指标值:≥260天');
  });

  it('an (一级, 二级) pair the framework does not allow is refused; a pasted pair is judged together', () => {
    const { session, p1 } = smallYear();
    const id = invoke(session, 'indicator.add', { projectId: p1, level1: '产出指标', level2: '数量指标' }).created as number;
    expect(() => invoke(session, 'edit.cells', { changes: [{ entity: 'indicator', id, field: 'level1', value: '效益指标' }] })).toThrow(
      '二级指标“数量指标”不属于一级指标“效益指标”',
    );
    expect(() => invoke(session, 'indicator.add', { projectId: p1, level1: '成本指标', level2: '经济成本指标' })).toThrow('不属于本年度的指标体系 A');
    const r = invoke(session, 'edit.cells', {
      changes: [
        { entity: 'indicator', id, field: 'level1', value: '效益' },
        { entity: 'indicator', id, field: 'level2', value: '社会效益' },
      ],
    });
    expect(r.changes.indicators[0]).toMatchObject({ level1: '效益指标', level2: '社会效益指标' });
  });
});

describe('adding, deleting and moving', () => {
  it('a new indicator joins its (一级, 二级) group; the framework order decides where a new 一级 goes', () => {
    const { session, p1 } = smallYear();
    const add = (level1: string, level2: string, name: string) => invoke(session, 'indicator.add', { projectId: p1, level1, level2, fields: { name } });
    add('满意度指标', '服务对象满意度指标', '满意度');
    add('产出指标', '数量指标', '接待人次');
    add('效益指标', '社会效益指标', '办结率');
    add('产出指标', '质量指标', '合格率');
    add('产出指标', '数量指标', '来信件数');
    const names = invoke(session, 'view.project', { id: p1 }).indicators.map((i) => i.name);
    expect(names).toEqual(['接待人次', '来信件数', '合格率', '办结率', '满意度']);
  });

  it('moves and deletes renumber the siblings, and undo puts everything back', () => {
    const { session, unit, p1, p2 } = smallYear();
    const p3 = invoke(session, 'project.add', { unitId: unit, name: '第三个' }).created as number;
    const moved = invoke(session, 'project.move', { id: p3, index: 0 });
    expect(moved.changes.projects.map((p) => [p.id, p.position]).sort()).toEqual(
      [
        [p1, 1],
        [p2, 2],
        [p3, 0],
      ].sort(),
    );
    const del = invoke(session, 'project.delete', { ids: [p1] });
    expect(del.changes.removed.projects).toEqual([p1]);
    expect(invoke(session, 'view.summary', {}).projects.map((p) => [p.name, p.position])).toEqual([
      ['第三个', 0],
      ['信访专项业务经费', 1],
    ]);
    const undone = invoke(session, 'history.undo', {});
    expect(undone.label).toBe('删除项目“物业管理费”');
    expect(undone.changes.projects.map((p) => p.id)).toContain(p1);
    expect(undone.history.redo).toEqual(['删除项目“物业管理费”']);
  });

  it('moving a project to another unit', () => {
    const { session, dept, p1 } = smallYear();
    const other = invoke(session, 'unit.add', { departmentId: dept, name: '下属中心' }).created as number;
    invoke(session, 'project.move', { id: p1, unitId: other, index: 0 });
    const v = invoke(session, 'view.summary', {});
    expect(v.projects.find((p) => p.id === p1)?.unitId).toBe(other);
  });

  it('deleting a department takes its units, projects and indicators, as one step', async () => {
    const session = await openSeed('000');
    const d = invoke(session, 'view.summary', {}).departments[0]!;
    const r = invoke(session, 'department.delete', { id: d.id });
    expect(r.changes.removed.departments).toEqual([d.id]);
    expect(invoke(session, 'view.summary', {}).projects).toEqual([]);
    invoke(session, 'history.undo', {});
    expect(invoke(session, 'view.summary', {}).projects).toHaveLength(11);
  });
});

describe('views', () => {
  it('the summary view of seed 000 prints each project 绩效指标 in the year grammar and adds up to 1,107.43', async () => {
    const session = await openSeed('000');
    const v = invoke(session, 'view.summary', {});
    expect(v.style).toBe('A');
    expect(v.projects).toHaveLength(11);
    expect(formatMoney(sumRows(v.projects).total)).toBe('1,107.43');
    const seed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/seeds/seed-000.json'), 'utf8'));
    expect(v.projects[0]?.name).toBe(seed.departments[0].units[0].projects[0].name);
    expect(v.projects[0]?.indicatorText).toMatch(/^1、/);
  });

  it('the overall view of seed 004 has its staff, budget, five tasks and indicators', async () => {
    const session = await openSeed('004');
    const d = invoke(session, 'view.summary', {}).departments[0]!;
    const o = invoke(session, 'view.overall', { departmentId: d.id });
    expect(o.overall).toMatchObject({ staffActive: 23, staffRetired: 9, budgetProject: 48477 });
    expect(o.tasks).toHaveLength(5);
    expect(o.indicators.length).toBeGreaterThan(10);
  });

  it('T3 fields, tasks and indicators are edited like the rest', async () => {
    const session = await openSeed('004');
    const d = invoke(session, 'view.summary', {}).departments[0]!;
    invoke(session, 'edit.cells', { changes: [{ entity: 'overall', id: d.id, field: 'staffActive', value: '２５' }] });
    expect(() => invoke(session, 'edit.cells', { changes: [{ entity: 'overall', id: d.id, field: 'staffRetired', value: '九人' }] })).toThrow('不是整数');
    const t = invoke(session, 'task.add', { departmentId: d.id }).created as number;
    invoke(session, 'edit.cells', { changes: [{ entity: 'task', id: t, field: 'amount', value: '10.5' }] });
    const o = invoke(session, 'view.overall', { departmentId: d.id });
    expect(o.overall?.staffActive).toBe(25);
    expect(o.tasks.at(-1)?.amount).toBe(1050);
  });
});

describe('the file carries the history', () => {
  it('edits survive closing the file, and undo still takes them back', () => {
    const { session, file, p1 } = smallYear();
    invoke(session, 'edit.cells', { changes: [{ entity: 'project', id: p1, field: 'goal', value: '全年接待来访群众不少于1000人次' }] });
    session.store!.close();
    const again: Session = { store: YearStore.open(file) };
    expect(invoke(again, 'view.project', { id: p1 }).project.goal).toBe('全年接待来访群众不少于1000人次');
    expect(invoke(again, 'history.undo', {}).label).toBe('修改项目“物业管理费”的绩效目标');
    expect(invoke(again, 'view.project', { id: p1 }).project.goal).toBe('');
    again.store!.close();
  });
});
