// The two indicator frameworks (domain.md §2): which 一级/二级 pairs exist, the Guangdong codes, name aliases.
import { describe, expect, it } from 'vitest';
import {
  FRAMEWORK_A,
  FRAMEWORK_B,
  FRAMEWORKS,
  allLevel1Spellings,
  categoryKey,
  findLevel1,
  findLevel2,
  isFrameworkId,
  type Framework,
} from '../../shared/frameworks.ts';

/** The canonical 二级 name `level2` stands for under `level1` in `fw`, or undefined when the pair is not valid. */
function pair(fw: Framework, level1: string, level2: string): string | undefined {
  const l1 = findLevel1(fw, level1);
  return l1 ? findLevel2(l1, level2)?.name : undefined;
}

describe('name aliases', () => {
  it('treats a name with or without 指标 as the same category', () => {
    expect(categoryKey('社会效益')).toBe(categoryKey('社会效益指标'));
    expect(categoryKey('服务对象满意度')).toBe(categoryKey('服务对象满意度指标'));
    expect(pair(FRAMEWORK_A, '效益指标', '社会效益')).toBe('社会效益指标');
    expect(pair(FRAMEWORK_A, '满意度指标', '服务对象满意度')).toBe('服务对象满意度指标');
    expect(pair(FRAMEWORK_B, '满意度指标', '服务对象满意度')).toBe('服务对象满意度指标');
  });

  it('strips the Guangdong code prefix: 22-社会效益, 1-产出指标', () => {
    expect(pair(FRAMEWORK_A, '2-效益指标', '22-社会效益')).toBe('社会效益指标');
    expect(pair(FRAMEWORK_A, '3-满意度指标', '31-服务对象满意度')).toBe('服务对象满意度指标');
    expect(findLevel1(FRAMEWORK_A, '1-产出指标')?.name).toBe('产出指标');
  });

  it('ignores spaces, including the ideographic space', () => {
    expect(findLevel1(FRAMEWORK_A, ' 产出 指标 ')?.name).toBe('产出指标');
    expect(pair(FRAMEWORK_A, '效益指标', '社会\u3000效益')).toBe('社会效益指标');
  });

  it('reads 效果指标 as 效益指标 in both frameworks', () => {
    expect(findLevel1(FRAMEWORK_A, '效果指标')?.name).toBe('效益指标');
    expect(findLevel1(FRAMEWORK_B, '效果指标')?.name).toBe('效益指标');
  });

  it('reads 满意度 as the satisfaction 二级', () => {
    expect(pair(FRAMEWORK_A, '满意度指标', '满意度')).toBe('服务对象满意度指标');
    expect(pair(FRAMEWORK_A, '满意度指标', '满意度指标')).toBe('服务对象满意度指标');
  });

  it('reads the short labels the Guangzhou system prints', () => {
    expect(pair(FRAMEWORK_A, '效益指标', '24-可持续影响')).toBe('可持续影响指标');
    expect(pair(FRAMEWORK_A, '效益指标', '21-经济效益')).toBe('经济效益指标');
    expect(pair(FRAMEWORK_A, '效益指标', '可持续发展影响指标')).toBe('可持续影响指标');
  });

  it('does not match an empty name or a different category', () => {
    expect(findLevel1(FRAMEWORK_A, '')).toBeUndefined();
    expect(findLevel1(FRAMEWORK_A, '指标')).toBeUndefined();
    expect(findLevel1(FRAMEWORK_A, '效率指标')).toBeUndefined();
    expect(pair(FRAMEWORK_A, '效益指标', '')).toBeUndefined();
    expect(pair(FRAMEWORK_A, '效益指标', '社会成本指标')).toBeUndefined();
  });
});

describe('framework A: 成本指标 is a 二级 under 产出指标', () => {
  it('has the 一级 产出, 效益, 满意度 in that order', () => {
    expect(FRAMEWORK_A.level1.map((l) => l.name)).toEqual(['产出指标', '效益指标', '满意度指标']);
  });

  it('accepts its valid pairs', () => {
    expect(pair(FRAMEWORK_A, '产出指标', '数量指标')).toBe('数量指标');
    expect(pair(FRAMEWORK_A, '产出指标', '质量指标')).toBe('质量指标');
    expect(pair(FRAMEWORK_A, '产出指标', '时效指标')).toBe('时效指标');
    expect(pair(FRAMEWORK_A, '产出指标', '成本指标')).toBe('成本指标');
    expect(pair(FRAMEWORK_A, '效益指标', '经济效益指标')).toBe('经济效益指标');
    expect(pair(FRAMEWORK_A, '效益指标', '生态效益指标')).toBe('生态效益指标');
  });

  it('has no 一级 成本指标', () => {
    expect(findLevel1(FRAMEWORK_A, '成本指标')).toBeUndefined();
  });

  it('refuses pairs that cross categories', () => {
    expect(pair(FRAMEWORK_A, '产出指标', '社会效益指标')).toBeUndefined();
    expect(pair(FRAMEWORK_A, '效益指标', '数量指标')).toBeUndefined();
    expect(pair(FRAMEWORK_A, '效益指标', '成本指标')).toBeUndefined();
    expect(pair(FRAMEWORK_A, '满意度指标', '质量指标')).toBeUndefined();
    expect(pair(FRAMEWORK_A, '产出指标', '经济成本指标')).toBeUndefined();
  });

  it('marks 成本指标 as the cost category', () => {
    expect(findLevel2(findLevel1(FRAMEWORK_A, '产出指标')!, '成本指标')?.isCost).toBe(true);
    expect(findLevel2(findLevel1(FRAMEWORK_A, '产出指标')!, '数量指标')?.isCost).toBeFalsy();
  });
});

describe('framework B (财预〔2021〕101号): 成本指标 is a 一级', () => {
  it('has 成本 first, then 产出, 效益, 满意度', () => {
    expect(FRAMEWORK_B.level1.map((l) => l.name)).toEqual(['成本指标', '产出指标', '效益指标', '满意度指标']);
  });

  it('accepts its valid pairs', () => {
    expect(pair(FRAMEWORK_B, '成本指标', '经济成本指标')).toBe('经济成本指标');
    expect(pair(FRAMEWORK_B, '成本指标', '社会成本指标')).toBe('社会成本指标');
    expect(pair(FRAMEWORK_B, '成本指标', '生态环境成本指标')).toBe('生态环境成本指标');
    expect(pair(FRAMEWORK_B, '产出指标', '数量指标')).toBe('数量指标');
    expect(pair(FRAMEWORK_B, '效益指标', '社会效益指标')).toBe('社会效益指标');
    expect(pair(FRAMEWORK_B, '效益指标', '可持续影响指标')).toBe('可持续影响指标');
  });

  it('refuses 成本指标 as a 二级 of 产出指标', () => {
    expect(pair(FRAMEWORK_B, '产出指标', '成本指标')).toBeUndefined();
  });

  it('refuses pairs that cross categories', () => {
    expect(pair(FRAMEWORK_B, '成本指标', '数量指标')).toBeUndefined();
    expect(pair(FRAMEWORK_B, '产出指标', '经济成本指标')).toBeUndefined();
    expect(pair(FRAMEWORK_B, '满意度指标', '社会效益指标')).toBeUndefined();
  });

  it('marks the 一级 成本指标 as the cost category', () => {
    expect(findLevel1(FRAMEWORK_B, '成本指标')?.isCost).toBe(true);
  });

  it('defines no Guangdong codes', () => {
    for (const l1 of FRAMEWORK_B.level1) {
      expect(l1.code, l1.name).toBeUndefined();
      for (const l2 of l1.level2) expect(l2.code, l2.name).toBeUndefined();
    }
  });
});

describe('what a project must cover (domain.md §5 rules 2–5)', () => {
  /** `一级: rule severity; required 二级…` for each 一级 of a framework. */
  const coverage = (fw: Framework) =>
    fw.level1.map(
      (l1) => `${l1.name}: ${l1.coverage.rule} ${l1.coverage.severity}; ${l1.level2.filter((l2) => l2.required).map((l2) => l2.name).join(' ')}`,
    );

  it('framework A: each 产出 二级 including 成本 (rule 2), ≥1 效益 (3), ≥1 满意度 (4), all errors', () => {
    expect(coverage(FRAMEWORK_A)).toEqual([
      '产出指标: 2 error; 数量指标 质量指标 时效指标 成本指标',
      '效益指标: 3 error; ',
      '满意度指标: 4 error; ',
    ]);
  });

  it('framework B: 经济成本 and each 产出 二级 as 101号 guidance (rule 5, warnings); 效益 and 满意度 as in A', () => {
    expect(coverage(FRAMEWORK_B)).toEqual([
      '成本指标: 5 warning; 经济成本指标',
      '产出指标: 5 warning; 数量指标 质量指标 时效指标',
      '效益指标: 3 error; ',
      '满意度指标: 4 error; ',
    ]);
  });
});

describe('Guangdong codes (framework A)', () => {
  it('codes the 一级 1, 2, 3', () => {
    expect(findLevel1(FRAMEWORK_A, '产出指标')?.code).toBe('1');
    expect(findLevel1(FRAMEWORK_A, '效益指标')?.code).toBe('2');
    expect(findLevel1(FRAMEWORK_A, '满意度指标')?.code).toBe('3');
  });

  it('codes every 二级 and prints the label the seeds show', () => {
    const printed = FRAMEWORK_A.level1.flatMap((l1) => l1.level2.map((l2) => `${l2.code}-${l2.label}`));
    expect(printed).toEqual([
      '11-数量指标',
      '12-质量指标',
      '13-时效指标',
      '14-成本指标',
      '21-经济效益',
      '22-社会效益',
      '23-生态效益',
      '24-可持续影响',
      '31-服务对象满意度',
    ]);
  });

  it('starts each 二级 code with its 一级 code', () => {
    for (const l1 of FRAMEWORK_A.level1) {
      for (const l2 of l1.level2) expect(l2.code?.startsWith(l1.code ?? '?'), l2.name).toBe(true);
    }
  });
});

describe('helpers', () => {
  it('FRAMEWORKS maps ids to frameworks', () => {
    expect(FRAMEWORKS.A).toBe(FRAMEWORK_A);
    expect(FRAMEWORKS.B).toBe(FRAMEWORK_B);
    expect(isFrameworkId('A')).toBe(true);
    expect(isFrameworkId('B')).toBe(true);
    expect(isFrameworkId('C')).toBe(false);
    expect(isFrameworkId('a')).toBe(false);
  });

  it('allLevel1Spellings knows every 一级 of both frameworks and lists longer spellings first', () => {
    const all = allLevel1Spellings();
    for (const name of ['产出指标', '效益指标', '满意度指标', '成本指标', '效果指标']) expect(all).toContain(name);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.length).toBeGreaterThanOrEqual(all[i]!.length);
  });
});
