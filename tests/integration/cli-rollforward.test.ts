import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, seedPath, sha256, tempDir, yearFileWithSeed } from './helpers.ts';
import { inspect } from './xlsxRead.ts';

type Json = any;

/** Every text of a year that differs between two dumps of the same shape: what roll-forward changed. */
function changedTexts(before: Json, after: Json, where = ''): { where: string; before: string; after: string }[] {
  // Money is cleared, priorValue and basis are filled in by rule: not bumped texts.
  const skip = new Set(['fiscalYear', 'funds', 'total', 'spendingPlan', 'budget', 'amount', 'priorValue', 'basis']);
  if (typeof before === 'string') return before === after ? [] : [{ where, before, after }];
  if (before === null || typeof before !== 'object') return [];
  return Object.keys(before)
    .filter((k) => !skip.has(k))
    .flatMap((k) => changedTexts(before[k], after?.[k], `${where}/${k}`));
}

describe('rollforward', () => {
  it('seed 002 (2023) → 2024: 2024 names, every indicator with its 2023 value as priorValue, a report of each bumped text', async () => {
    const dir = tempDir();
    const from = await yearFileWithSeed('002', dir);
    const before = sha256(from);
    const to = path.join(dir, '2024年.db');
    const r = await cli('rollforward', from, to);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已由 2023 年度结转生成 2024 年度文件');
    expect(r.stdout).toContain('顺延年份的文字 3 处');
    expect(r.stdout).toContain('原：2023年市级信访积案化解资金\n    新：2024年市级信访积案化解资金');
    expect(sha256(from)).toBe(before);

    const old = JSON.parse((await cli('dump', from)).stdout);
    const next = JSON.parse((await cli('dump', to)).stdout);
    expect(next.fiscalYear).toBe(2024);
    const projects = next.departments[0].units[0].projects;
    expect(projects[0].name).toBe('2024年市级信访积案化解资金');
    const oldIndicators = old.departments[0].units[0].projects.flatMap((p: any) => p.indicators);
    const newIndicators = projects.flatMap((p: any) => p.indicators);
    expect(newIndicators).toHaveLength(26);
    expect(newIndicators.map((i: any) => i.priorValue)).toEqual(oldIndicators.map((i: any) => i.annualValue));
    expect(projects.every((p: any) => p.total === '0.00' && p.spendingPlan.dec === '')).toBe(true);

    const json = await cli('rollforward', from, path.join(dir, 'again.db'), '--json', '--keep-amounts');
    const report = JSON.parse(json.stdout);
    expect(report.changes).toHaveLength(3);
    expect(report.changes[0]).toMatchObject({ before: '2023年市级信访积案化解资金', after: '2024年市级信访积案化解资金' });
    expect(JSON.parse((await cli('dump', path.join(dir, 'again.db'))).stdout).departments[0].units[0].projects[0].total).toBe('720.00');
    // The new file remembers where it came from, and its creation is one undo step.
    expect((await cli('undo', to)).stderr).toContain('已撤销：结转自 2023 年度');
  });

  it('refuses to overwrite, and an unknown project leaves no file behind', async () => {
    const dir = tempDir();
    const from = await yearFileWithSeed('002', dir);
    const existing = path.join(dir, 'exists.db');
    fs.writeFileSync(existing, 'x');
    const r1 = await cli('rollforward', from, existing);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('已存在');
    expect(fs.readFileSync(existing, 'utf8')).toBe('x');

    const target = path.join(dir, 'new.db');
    const r2 = await cli('rollforward', from, target, '--projects', '2023年信访专项业务费,没有这个项目');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('“没有这个项目”');
    expect(fs.existsSync(target)).toBe(false);

    const r3 = await cli('rollforward', from, target, '--projects', '2023年信访专项业务费');
    expect(r3.code).toBe(0);
    expect(JSON.parse((await cli('dump', target)).stdout).departments[0].units[0].projects.map((p: any) => p.name)).toEqual(['2024年信访专项业务费']);
  });

  it('from last year\'s submitted xlsx: Chinese-numeral years bumped, cited titles kept, equal 实施周期 values alike, every change reported', async () => {
    const dir = tempDir();
    // Last year's table as the officer submitted it: seed 001 (its 实施周期 values mostly repeat the annual ones)
    // with the year written in Chinese digits, a cited document, and year-bearing targets.
    const j = JSON.parse(fs.readFileSync(seedPath('001'), 'utf8'));
    const p = j.departments[0].units[0].projects[0];
    p.name = '二〇二三年度信访工作经费';
    p.goal = `${p.goal}落实《2023年信访工作方案》和〈二○二三年信访工作要点〉，二零二三年底前全部办结。`;
    p.indicators[1].annualValue = '2023年12月31日前办结率100%';
    p.indicators[1].periodValue = '2023年12月31日前办结率100%';
    p.indicators[6].annualValue = '二〇二三年内没有超期办理信访案件';
    expect(p.indicators[6].periodValue).toBe('严格按照《信访工作条例》办理信访案件');
    fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify(j));
    const src = path.join(dir, 'src.db');
    expect((await cli('new', src, '--year', '2023')).code).toBe(0);
    expect((await cli('load', src, path.join(dir, 'data.json'))).code).toBe(0);
    const submitted = path.join(dir, '2023年项目支出绩效目标表.xlsx');
    expect((await cli('export', src, '--template', 'summary', '--style', 'B', '--out', submitted)).code).toBe(0);

    const y2023 = path.join(dir, '2023年.db');
    const imported = await cli('import', y2023, submitted, '--year', '2023');
    expect(imported.code, imported.stderr).toBe(0);
    const y2024 = path.join(dir, '2024年.db');
    const r = await cli('rollforward', y2023, y2024, '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);

    const old = JSON.parse((await cli('dump', y2023)).stdout);
    const next = JSON.parse((await cli('dump', y2024)).stdout);
    const q = next.departments[0].units[0].projects[0];
    expect(q.name).toBe('二〇二四年度信访工作经费');
    expect(q.goal.endsWith('落实《2023年信访工作方案》和〈二○二三年信访工作要点〉，二零二四年底前全部办结。')).toBe(true);
    expect([q.indicators[1].annualValue, q.indicators[1].periodValue]).toEqual(['2024年12月31日前办结率100%', '2024年12月31日前办结率100%']);
    expect([q.indicators[6].annualValue, q.indicators[6].periodValue]).toEqual(['二〇二四年内没有超期办理信访案件', '严格按照《信访工作条例》办理信访案件']);

    // The report lists exactly the texts that changed, each once, before → after.
    const changed = changedTexts(old, next);
    expect(changed.length).toBe(5);
    expect(report.changes.map((c: Json) => [c.before, c.after]).sort()).toEqual(changed.map((c) => [c.before, c.after]).sort());
    expect(report.changes.filter((c: Json) => c.where.endsWith('实施周期指标值'))).toHaveLength(1);

    // And next year's table prints them.
    const out = path.join(dir, '2024年项目支出绩效目标表.xlsx');
    expect((await cli('export', y2024, '--template', 'summary', '--style', 'B', '--out', out)).code).toBe(0);
    const cells = [...(inspect(out)[0]?.cells.values() ?? [])].map((c) => c.value);
    expect(cells).toContain('二〇二四年度信访工作经费');
    expect(cells.some((v) => v.includes('2024年12月31日前办结率100%') && !v.includes('2023年12月31日'))).toBe(true);
    expect(cells.some((v) => v.includes('《2023年信访工作方案》'))).toBe(true);
  });
});
