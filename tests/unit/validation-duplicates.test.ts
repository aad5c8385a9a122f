// Rule 1: a project (same code, or same name in one unit), a unit and a department appear once. The duplicate is an
// error at its second occurrence that names the first; a repeated department or unit is one finding, not one more
// for each of its projects.
import { describe, expect, it } from 'vitest';
import type { Department, Project, YearData } from '../../shared/model.ts';
import { describeLocation, validateYear } from '../../shared/validation.ts';
import { AT_PROJECT, DEPT, UNIT, byCheck, projectA, single, year } from './validation-fixtures.ts';

const project = (name: string, code = ''): Project => ({ ...projectA(), name, code });

/** Department `name` with units of the given projects. */
function department(name: string, units: Record<string, Project[]>): Department {
  return {
    name,
    code: '',
    statedTotal: null,
    overall: null,
    units: Object.entries(units).map(([unit, projects]) => ({ name: unit, code: '', statedTotal: null, projects })),
  };
}

function yearOf(...departments: Department[]): YearData {
  return { ...year([]), departments };
}

describe('duplicate projects', () => {
  it('fires for the same name twice in one unit, at the second, naming the first', () => {
    const f = single(validateYear(year([project('物业管理费'), project('会议费'), project('物业管理费')])), 'duplicate');
    expect(f).toMatchObject({
      rule: 1,
      severity: 'error',
      location: { ...AT_PROJECT, project: '物业管理费', projectIndex: 2, field: 'name' },
    });
    expect(f.message).toContain('第1个项目');
  });

  it('ignores spacing in names', () => {
    expect(byCheck(validateYear(year([project('物业管理费'), project(' 物业 管理费')])), 'duplicate')).toHaveLength(1);
  });

  it('fires for the same code in another unit or department, naming where it was first', () => {
    const y = yearOf(
      department(DEPT, { [UNIT]: [project('物业管理费', 'P001')] }),
      department('测试区人民政府办公室', { 办公室本级: [project('物业服务费', 'p001')] }),
    );
    const f = single(validateYear(y), 'duplicate');
    expect(f.location).toMatchObject({ departmentIndex: 1, unitIndex: 0, projectIndex: 0, project: '物业服务费', field: 'code' });
    expect(f.message).toContain('p001');
    expect(f.message).toContain(describeLocation({ ...AT_PROJECT, project: '物业管理费' }));
  });

  it('stays quiet for the same name in different units, and for projects without codes', () => {
    const y = yearOf(department(DEPT, { [UNIT]: [project('物业管理费')], 第二单位: [project('物业管理费')] }));
    expect(byCheck(validateYear(y), 'duplicate')).toEqual([]);
    expect(byCheck(validateYear(year([project('物业管理费'), project('会议费')])), 'duplicate')).toEqual([]);
  });
});

describe('a department or unit that appears twice', () => {
  it('is one finding at the second department, with how many of its projects repeat the first’s', () => {
    const copy = () => department(DEPT, { [UNIT]: [project('物业管理费', 'P001'), project('会议费', 'P002')] });
    const findings = validateYear(yearOf(copy(), copy()));
    const f = single(findings, 'duplicate');
    expect(f).toMatchObject({ rule: 1, severity: 'error', location: { department: DEPT, departmentIndex: 1, field: 'name' } });
    expect(f.location.unit).toBeUndefined();
    expect(f.message).toContain('第1个部门');
    expect(f.message).toContain('2 个项目中有 2 个');
  });

  it('is one finding for a unit repeated inside a department', () => {
    const y = yearOf(department(DEPT, { [UNIT]: [project('物业管理费')] }));
    y.departments[0]!.units.push({ name: UNIT, code: '', statedTotal: null, projects: [project('物业管理费'), project('新项目')] });
    const f = single(validateYear(y), 'duplicate');
    expect(f.location).toMatchObject({ departmentIndex: 0, unit: UNIT, unitIndex: 1, field: 'name' });
    expect(f.location.project).toBeUndefined();
    expect(f.message).toContain('2 个项目中有 1 个');
  });

  it('still reports a project code repeated elsewhere than in the department it repeats', () => {
    const y = yearOf(
      department('其他部门', { 其他单位: [project('会议费', 'P002')] }),
      department(DEPT, { [UNIT]: [project('物业管理费', 'P001')] }),
      department(DEPT, { [UNIT]: [project('物业管理费', 'P001'), project('会议费', 'P002')] }),
    );
    const found = byCheck(validateYear(y), 'duplicate');
    expect(found.map((f) => [f.location.departmentIndex, f.location.projectIndex ?? null, f.location.field])).toEqual([
      [2, null, 'name'],
      [2, 1, 'code'],
    ]);
  });
});
