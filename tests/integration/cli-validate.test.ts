import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/validation.ts';
import { cli, SEEDS, yearFileWithSeed } from './helpers.ts';

async function findings(file: string): Promise<{ code: number; list: (Finding & { where: string })[] }> {
  const r = await cli('validate', file, '--json');
  return { code: r.code, list: JSON.parse(r.stdout) as (Finding & { where: string })[] };
}

describe('validate on the seeds', () => {
  it('seed 000: 机构运行辅助经费 is missing a 满意度指标 (error, exit 1)', async () => {
    const file = await yearFileWithSeed('000');
    const { code, list } = await findings(file);
    expect(code).toBe(1);
    const f = list.find((x) => x.rule === 4 && x.location.project === '机构运行辅助经费');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('满意度指标');
    // The human form says the same, with the project named.
    const text = (await cli('validate', file)).stdout;
    expect(text).toMatch(/项目“机构运行辅助经费”\n(?: {2}.*\n)*? {2}错误［规则4］.*缺少满意度指标/);
  });

  it('seed 003: the indicator with no 三级 name in 基层服务平台示范点建设经费', async () => {
    const { list } = await findings(await yearFileWithSeed('003'));
    const f = list.filter((x) => x.check === 'name-missing');
    expect(f).toHaveLength(1);
    expect(f[0]?.location).toMatchObject({ project: '基层服务平台示范点建设经费', indicatorIndex: 2, field: 'name' });
    expect(f[0]?.where).toContain('第3条指标');
  });

  for (const id of SEEDS) {
    it(`seed ${id}: no wrong sums (they add up)`, async () => {
      const { list } = await findings(await yearFileWithSeed(id));
      expect(list.filter((x) => [14, 15, 16].includes(x.rule))).toEqual([]);
    });
  }

  it('seed 002 (青岛, framework B) passes with exit 0', async () => {
    const file = await yearFileWithSeed('002');
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('审核通过');
  });
});
