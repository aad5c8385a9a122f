// The 导入 wizard through the handler map: files handed over as bytes (browser mode) or paths, a preview that writes
// nothing and names the projects the year already has, the three choices for those (skip, replace, add), a new year
// file as target, and a cancel that leaves the year file as it was.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import type { ImportJobResult } from '../../shared/api.ts';
import { sumRows } from '../../shared/views.ts';
import { t1Messy, t2Messy } from '../fixtures/import/makeFixtures.ts';
import { appSessionIn, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

async function app(withSeed: '000' | '002' | null) {
  const root = tempDir();
  const s = appSessionIn(root);
  if (withSeed) s.open(await yearFileWithSeed(withSeed, root));
  return { s, root };
}

const bytesOf = (file: string) => ({ name: path.basename(file), base64: fs.readFileSync(file).toString('base64') });

describe('the import job', () => {
  it('previews a T1 handed over as bytes into a new year, then makes that year file and opens it', async () => {
    const { s, root } = await app(null);
    const src = await t1Messy(tempDir(), '000');
    const [file] = invoke(s, 'import.addFiles', { files: [bytesOf(src)] });
    const preview = await invoke(s, 'import.preview', { files: [file!.id], target: 'new', fiscalYear: 2023 });
    expect(preview.target).toEqual({ kind: 'new', path: path.join(root, '2023年绩效目标.db'), exists: false });
    expect(preview.projects).toHaveLength(11);
    expect(preview.projects.every((p) => p.existing === null)).toBe(true);
    expect(sumRows(preview.projects.map((p) => ({ fiscal: p.total, fiscalSpecial: 0, other: 0 }))).total).toBe(110743);
    expect(fs.existsSync(preview.target.path)).toBe(false);
    const done = await s.jobs.wait(invoke(s, 'import.start', { files: [file!.id], target: 'new', fiscalYear: 2023, policy: 'skip' }).id);
    expect(done.status).toBe('done');
    expect((done.result as ImportJobResult).projects).toBe(11);
    expect(invoke(s, 'year.info', {}).path).toBe(path.join(root, '2023年绩效目标.db'));
    expect(invoke(s, 'view.summary', {}).projects).toHaveLength(11);
    s.closeYear();
  });

  it('names the projects the open year already has, and skips, replaces or adds them as asked — one undo step', async () => {
    const { s } = await app('002');
    const src = await t2Messy(tempDir());
    const [file] = invoke(s, 'import.addPaths', { paths: [src] });
    const preview = await invoke(s, 'import.preview', { files: [file!.id], target: 'open', department: '青岛市信访局' });
    expect(preview.projects.map((p) => p.existing?.by)).toEqual(['code', 'code', 'code']);
    const ids = () => invoke(s, 'view.summary', {}).projects.map((p) => p.id);
    const before = ids();

    const skip = await s.jobs.wait(invoke(s, 'import.start', { files: [file!.id], target: 'open', department: '青岛市信访局', policy: 'skip' }).id);
    expect(skip.result).toMatchObject({ skipped: 3, projects: 0 });
    expect(ids()).toEqual(before);

    const target = invoke(s, 'view.summary', {}).projects[0]!;
    invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: target.id, field: 'fiscal', value: '1' }] });
    const replace = await s.jobs.wait(invoke(s, 'import.start', { files: [file!.id], target: 'open', department: '青岛市信访局', policy: 'replace' }).id);
    expect(replace.result).toMatchObject({ replaced: 3 });
    expect(ids()).toEqual(before);
    expect(invoke(s, 'view.summary', {}).projects[0]?.fiscal).toBe(72000);
    expect(invoke(s, 'history.undo', {}).label).toMatch(/^导入 /);
    expect(invoke(s, 'view.summary', {}).projects[0]?.fiscal).toBe(100);

    const add = await s.jobs.wait(invoke(s, 'import.start', { files: [file!.id], target: 'open', department: '青岛市信访局', policy: 'add' }).id);
    expect(add.result).toMatchObject({ projects: 3 });
    expect(ids()).toHaveLength(6);
    expect(invoke(s, 'year.validate', {}).filter((f) => f.check === 'duplicate').length).toBeGreaterThan(0);
    s.closeYear();
  });

  it('a cancel while reading leaves the year file as it was', async () => {
    const { s } = await app('000');
    const file = s.store!.path;
    const before = sha256(file);
    const dir = tempDir();
    const ids = invoke(s, 'import.addPaths', { paths: [await t1Messy(dir, '001'), await t1Messy(dir, '003')] }).map((f) => f.id);
    const job = invoke(s, 'import.start', { files: ids, target: 'open', policy: 'add' });
    while (s.jobs.status(job.id).status === 'running' && s.jobs.status(job.id).progress.done < 1) await new Promise((r) => setTimeout(r, 1));
    s.jobs.cancel(job.id);
    expect((await s.jobs.wait(job.id)).status).toBe('cancelled');
    expect(sha256(file)).toBe(before);
    expect(invoke(s, 'history.state', {}).undo).toEqual(['载入 seed-000.json']);
    s.closeYear();
  });

  it('files are known by id only; a made-up id is refused with a message', async () => {
    const { s } = await app('000');
    await expect(async () => invoke(s, 'import.preview', { files: ['not-an-id'], target: 'open' })).rejects.toThrow('要导入的文件已不在');
    s.closeYear();
  });
});
