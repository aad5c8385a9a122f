import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

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
});
