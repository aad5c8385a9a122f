// A year whose only department has `count` projects: copies of the given year's first unit's projects, numbered,
// each with `indicatorsEach` indicators (its own, repeated) when given.
import type { Indicator, Project, YearData } from '../../shared/model.ts';

export function departmentOf(year: YearData, count: number, indicatorsEach?: number): YearData {
  const dept = year.departments[0];
  const unit = dept?.units[0];
  if (!dept || !unit) throw new Error('the year has no unit');
  const base = unit.projects;
  unit.projects = Array.from({ length: count }, (_, i): Project => {
    const p = base[i % base.length] as Project;
    const indicators = indicatorsEach === undefined ? p.indicators : Array.from({ length: indicatorsEach }, (_, k) => ({ ...(p.indicators[k % p.indicators.length] as Indicator) }));
    return { ...p, name: `${p.name}${i + 1}`, code: `P${String(i + 1).padStart(6, '0')}`, indicators };
  });
  dept.units = [unit];
  year.departments = [dept];
  return year;
}
