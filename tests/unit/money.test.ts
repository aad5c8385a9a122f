// Money as officers type it (万元, two decimals) and as the tables print it.
import { describe, expect, it } from 'vitest';
import { formatMoney, moneyOrThrow, moneyToPlain, parseMoney, sumCents } from '../../shared/money.ts';

/** The cents of an accepted amount; fails the test when it is refused. */
function cents(text: string): number {
  const r = parseMoney(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to be accepted, got: ${r.message}`);
  return r.cents;
}

/** The message of a refused amount; fails the test when it is accepted. */
function refusal(text: string): string {
  const r = parseMoney(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${r.cents} cents`);
  return r.message;
}

describe('parseMoney accepts what officers type', () => {
  it('reads a grouped amount as printed in the tables', () => {
    expect(cents('1,107.43')).toBe(110743);
  });

  it('ignores spaces around the number', () => {
    expect(cents(' 89.00 ')).toBe(8900);
    expect(cents('\u300089.00\u3000')).toBe(8900);
  });

  it('reads full-width digits and the full-width point from a Chinese IME', () => {
    expect(cents('８９．５０')).toBe(8950);
    expect(cents('８９．５')).toBe(8950);
  });

  it('treats an empty or blank cell as zero (tables leave zero columns blank)', () => {
    expect(cents('')).toBe(0);
    expect(cents('  ')).toBe(0);
  });

  it('reads whole numbers and one decimal', () => {
    expect(cents('12')).toBe(1200);
    expect(cents('0.5')).toBe(50);
    expect(cents('2.7')).toBe(270);
  });

  it('reads larger grouped amounts exactly', () => {
    expect(cents('1,234,567.89')).toBe(123456789);
    expect(cents('2616.61')).toBe(261661);
  });

  it('reads negative amounts', () => {
    expect(cents('-3')).toBe(-300);
    expect(cents('-1,107.43')).toBe(-110743);
  });
});

describe('parseMoney refuses what would need guessing, quoting the input in Chinese', () => {
  const bad: [string, RegExp][] = [
    ['12.345', /两位/],
    ['12万', /单位/],
    ['12万元', /单位/],
    ['abc', /不是数字/],
    ['1,10.00', /千位分隔符/],
    ['12a', /不是数字/],
  ];
  for (const [input, reason] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const message = refusal(input);
      expect(message).toContain(`“${input}”`);
      expect(message).toMatch(reason);
      expect(message).toMatch(/金额/);
    });
  }

  it('quotes the input as typed, not as normalised', () => {
    expect(refusal('１２．３４５')).toContain('“１２．３４５”');
  });

  it('moneyOrThrow throws the same message', () => {
    expect(() => moneyOrThrow('12万元')).toThrow('金额“12万元”带有单位');
    expect(moneyOrThrow('1,107.43')).toBe(110743);
  });
});

describe('printing money', () => {
  it('formatMoney groups thousands and always shows two decimals', () => {
    expect(formatMoney(110743)).toBe('1,107.43');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(5)).toBe('0.05');
    expect(formatMoney(8900)).toBe('89.00');
    expect(formatMoney(100000000)).toBe('1,000,000.00');
  });

  it('moneyToPlain writes the interchange form: no grouping', () => {
    expect(moneyToPlain(110743)).toBe('1107.43');
    expect(moneyToPlain(0)).toBe('0.00');
    expect(moneyToPlain(123456789)).toBe('1234567.89');
  });

  it('prints negative amounts with a leading minus', () => {
    expect(formatMoney(-110743)).toBe('-1,107.43');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(moneyToPlain(-110743)).toBe('-1107.43');
    expect(moneyToPlain(-50)).toBe('-0.50');
  });

  it('what is printed reads back to the same amount', () => {
    for (const c of [0, 1, 99, 110743, 261661, 123456789, -110743]) {
      expect(cents(formatMoney(c))).toBe(c);
      expect(cents(moneyToPlain(c))).toBe(c);
    }
  });

  it('sums exactly where floating point would not', () => {
    // 0.1 + 0.2 万元 is 0.30, not 0.30000000000000004
    expect(formatMoney(sumCents([cents('0.1'), cents('0.2')]))).toBe('0.30');
    expect(formatMoney(sumCents([cents('595.19'), cents('484.77')]))).toBe('1,079.96');
  });
});
