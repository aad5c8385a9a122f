// Target values as written in the seed tables: the parts (计算符号, number, 计量单位) derived from the text.
import { describe, expect, it } from 'vitest';
import { hasComparisonSign, parseTarget, renderTarget, type TargetOp } from '../../shared/target.ts';

describe('parseTarget reads quantitative values from the seeds', () => {
  const cases: [string, TargetOp, string, string][] = [
    // text, op, number, unit
    ['5次以下', '≤', '5', '次'],
    ['≥20名', '≥', '20', '名'],
    ['2人（含）以下', '≤', '2', '人'],
    ['达85%以上', '≥', '85', '%'],
    ['不少于2000条', '≥', '2000', '条'],
    ['大于99%', '＞', '99', '%'],
    ['小于1%', '＜', '1', '%'],
    ['≤720万元', '≤', '720', '万元'],
    ['4.2万平方米', '＝', '4.2', '万平方米'],
    ['90%以上', '≥', '90', '%'],
    ['不超过10个工作日', '≤', '10', '个工作日'],
    ['≥3万件次', '≥', '3', '万件次'],
    // Thousands separators: the number comes without them.
    ['≥3,000件次', '≥', '3000', '件次'],
    ['≤7,300,000元', '≤', '7300000', '元'],
    ['≤1,107.43万元', '≤', '1107.43', '万元'],
    ['1,000人次', '＝', '1000', '人次'],
    ['不少于12,000条', '≥', '12000', '条'],
  ];
  for (const [text, op, number, unit] of cases) {
    it(`${text} → ${op} ${number} ${unit}`, () => {
      const parts = parseTarget(text);
      expect(parts.op).toBe(op);
      expect(parts.number).toBe(number);
      expect(parts.unit).toBe(unit);
    });
  }

  it('keeps the words before the comparison as the subject: 满意度≥90%', () => {
    expect(parseTarget('满意度≥90%')).toEqual({ op: '≥', number: '90', unit: '%', subject: '满意度' });
    expect(parseTarget('工单量≥120000宗')).toEqual({ op: '≥', number: '120000', unit: '宗', subject: '工单量' });
  });

  it('has no subject when the value starts with the number or sign', () => {
    expect(parseTarget('≥20名').subject).toBe('');
    expect(parseTarget('5次以下').subject).toBe('');
  });

  it('reads a bare number as ＝ with no unit: "3"', () => {
    expect(parseTarget('3')).toEqual({ op: '＝', number: '3', unit: '', subject: '' });
  });

  it('ignores a leading space: " 100%" (seed 001)', () => {
    expect(parseTarget(' 100%')).toEqual({ op: '＝', number: '100', unit: '%', subject: '' });
  });

  it('reads full-width signs, digits and percent', () => {
    const parts = parseTarget('＞５０％');
    expect(parts.op).toBe('＞');
    expect(parts.number).toBe('50');
    expect(parts.unit).toBe('%');
  });

  it('reads ASCII two-character signs', () => {
    expect(parseTarget('>=90%').op).toBe('≥');
    expect(parseTarget('<=5次').op).toBe('≤');
  });
});

describe('parseTarget reads thousands separators only where they are', () => {
  it('takes only groups of three digits: "3,5个", "1,0000个" and "12,345,67元" are not numbers', () => {
    for (const text of ['3,5个', '1,0000个', '12,345,67元']) expect(parseTarget(text).number, text).toBeNull();
  });

  it('does not read a full-width comma as a separator: "100，200个" lists two numbers', () => {
    expect(parseTarget('100，200个').number).toBeNull();
    expect(parseTarget('３，０００件').number).toBeNull();
  });
});

describe('parseTarget reads ranges', () => {
  const cases: [string, string, string, string][] = [
    // text, low, high, unit
    ['90%-95%', '90', '95', '%'],
    ['90-95%', '90', '95', '%'],
    ['90%～95%', '90', '95', '%'],
    ['3-5个工作日', '3', '5', '个工作日'],
    ['1,000-2,000人次', '1000', '2000', '人次'],
    ['80至100万元', '80', '100', '万元'],
  ];
  for (const [text, low, high, unit] of cases) {
    it(`${text} is the range ${low}–${high} ${unit}`, () => {
      expect(parseTarget(text)).toEqual({ op: '区间', number: low, upper: high, unit, subject: '' });
    });
  }

  it('keeps the words before a range as its subject', () => {
    expect(parseTarget('满意度90%-95%')).toMatchObject({ op: '区间', unit: '%', subject: '满意度' });
  });

  it('does not take dates, times, spans of years or mixed units for ranges', () => {
    for (const text of ['2023-12-31', '2023-12-31前', '8:00-18:00', '2023-2024', '90%-95', '3个-5%']) {
      expect(parseTarget(text), text).toMatchObject({ op: '定性', number: null });
    }
  });

  it('prints a range as low-high and the unit', () => {
    expect(renderTarget(parseTarget('90%-95%'))).toBe('90-95%');
    expect(renderTarget(parseTarget('3-5个工作日'))).toBe('3-5个工作日');
  });
});

describe('parseTarget leaves qualitative values alone', () => {
  const qualitative = ['≦岗位档次包干经费', '2021.12.31', '100%不发生极端事件', '满意', '每月上旬', '良好'];
  for (const text of qualitative) {
    it(`${text} is 定性 with no number`, () => {
      const parts = parseTarget(text);
      expect(parts.op).toBe('定性');
      expect(parts.number).toBeNull();
      expect(parts.unit).toBe('');
    });
  }

  it('keeps the text of a qualitative value as its subject', () => {
    expect(parseTarget('满意').subject).toBe('满意');
  });
});

describe('hasComparisonSign', () => {
  it('is true for values that use a sign, including ≦ and full-width signs', () => {
    for (const t of ['≥20名', '≤720万元', '满意度≥90%', '≦岗位档次包干经费', '＞50%', '＜1%', '＝100%', '>=90%']) {
      expect(hasComparisonSign(t), t).toBe(true);
    }
  });

  it('is false for words and plain values', () => {
    for (const t of ['5次以下', '不少于2000条', '大于99%', '100%', '满意', '2021.12.31']) {
      expect(hasComparisonSign(t), t).toBe(false);
    }
  });
});

describe('renderTarget prints sign + number + unit', () => {
  it('prints each sign before the number', () => {
    expect(renderTarget({ op: '≥', number: '20', unit: '名' })).toBe('≥20名');
    expect(renderTarget({ op: '≤', number: '720', unit: '万元' })).toBe('≤720万元');
    expect(renderTarget({ op: '＞', number: '99', unit: '%' })).toBe('＞99%');
    expect(renderTarget({ op: '＜', number: '1', unit: '%' })).toBe('＜1%');
  });

  it('prints ＝ without a sign, as the tables do ("100%", "1个")', () => {
    expect(renderTarget({ op: '＝', number: '100', unit: '%' })).toBe('100%');
    expect(renderTarget({ op: '＝', number: '4.2', unit: '万平方米' })).toBe('4.2万平方米');
  });

  it('gives back signed values exactly', () => {
    for (const t of ['≥20名', '≤720万元', '4.2万平方米', '3', '100%', '≥3万件次']) {
      expect(renderTarget(parseTarget(t))).toBe(t);
    }
  });

  it('turns Chinese comparatives into the sign', () => {
    expect(renderTarget(parseTarget('5次以下'))).toBe('≤5次');
    expect(renderTarget(parseTarget('不少于2000条'))).toBe('≥2000条');
    expect(renderTarget(parseTarget('大于99%'))).toBe('＞99%');
  });
});
