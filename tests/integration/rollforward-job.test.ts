// The 结转到下一年度 wizard through the handler map: a preview that writes nothing, a chosen set of projects carried
// into a new file in the data folder (which then opens), and a cancel or a clash that leaves no file behind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import { appWithSeed, sha256 } from './helpers.ts';

describe('roll-forward in the app', () => {
  it('previews projects and every bumped text without writing anything', async () => {
    const { s, root, file } = await appWithSeed('002');
    const before = sha256(file);
    const p = invoke(s, 'rollforward.preview', { toYear: 2024, keepAmounts: false });
    expect(p).toMatchObject({ from: 2023, to: 2024, carried: 3, target: path.join(root, '2024年绩效目标.db'), targetExists: false });
    expect(p.projects.map((x) => [x.name, x.kind])).toEqual([
      ['2023年市级信访积案化解资金', '新增'],
      ['2023年信访专项业务费', '新增'],
      ['2023年金宏视频会议系统运行维护费', '新增'],
    ]);
    expect(p.changes).toEqual(expect.arrayContaining([expect.objectContaining({ before: '2023年市级信访积案化解资金', after: '2024年市级信访积案化解资金' })]));
    expect(fs.readdirSync(root).filter((f) => f.endsWith('.db'))).toEqual(['seed-002.db']);
    expect(sha256(file)).toBe(before);
    s.closeYear();
  });

  it('carries the chosen projects into the data folder and opens the new year; its projects now continue', async () => {
    const { s, root } = await appWithSeed('002');
    const ids = invoke(s, 'view.summary', {}).projects.map((p) => p.id);
    const job = invoke(s, 'rollforward.start', { toYear: 2024, keepAmounts: true, projectIds: [ids[0]!, ids[2]!] });
    const done = await s.jobs.wait(job.id);
    expect(done.status).toBe('done');
    expect(invoke(s, 'year.info', {})).toMatchObject({ fiscalYear: 2024, rolledFrom: 2023, path: path.join(root, '2024年绩效目标.db') });
    const v = invoke(s, 'view.summary', {});
    expect(v.projects.map((p) => p.name)).toEqual(['2024年市级信访积案化解资金', '2024年金宏视频会议系统运行维护费']);
    expect(v.projects[0]?.fiscal).toBe(72000);
    expect(invoke(s, 'rollforward.preview', { toYear: 2025, keepAmounts: false }).projects.map((p) => p.kind)).toEqual(['延续', '延续']);
    s.closeYear();
  });

  it('a cancel, or a year file already there, leaves no file and the open year as it was', async () => {
    const { s, root, file } = await appWithSeed('002');
    const before = sha256(file);
    const job = invoke(s, 'rollforward.start', { toYear: 2024, keepAmounts: false });
    s.jobs.cancel(job.id);
    expect((await s.jobs.wait(job.id)).status).toBe('cancelled');
    expect(fs.readdirSync(root).filter((f) => f.endsWith('.db'))).toEqual(['seed-002.db']);
    fs.writeFileSync(path.join(root, '2024年绩效目标.db'), 'mine');
    const clash = await s.jobs.wait(invoke(s, 'rollforward.start', { toYear: 2024, keepAmounts: false }).id);
    expect(clash.status).toBe('failed');
    expect(clash.error?.message).toContain('已存在，未覆盖');
    expect(fs.readFileSync(path.join(root, '2024年绩效目标.db'), 'utf8')).toBe('mine');
    expect(fs.readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
    expect(sha256(file)).toBe(before);
    expect(invoke(s, 'year.info', {}).fiscalYear).toBe(2023);
    s.closeYear();
  });
});
