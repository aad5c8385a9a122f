// Backups beside the year file: made before every import and roll-forward and once a day, bounded, listed by the CLI
// and the app, and restored — checked first, the replaced file backed up, a damaged file brought back to life.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import { backupDir, dailyBackup, listBackups, makeBackup } from '../../electron/core/store/backups.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { t1Messy } from '../fixtures/import/makeFixtures.ts';
import { appSessionIn, cli, seedPath, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

describe('backups', () => {
  it('the CLI backs up before an import and a roll-forward, lists them, and restores one', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const src = await t1Messy(tempDir(), '001');
    expect((await cli('import', file, src)).code).toBe(0);
    expect((await cli('rollforward', file, path.join(dir, '2024.db'))).code).toBe(0);
    const listed = await cli('backups', file, '--json');
    const list = JSON.parse(listed.stdout) as { reason: string; path: string }[];
    expect(list.map((b) => b.reason).sort()).toEqual(['导入前', '结转前']);
    expect(list.every((b) => path.dirname(b.path) === backupDir(file))).toBe(true);

    // The 导入前 backup holds the year as it was before the import: seed 000 alone.
    const before = list.find((b) => b.reason === '导入前')!;
    const restored = await cli('restore', file, before.path);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await cli('dump', file)).stdout).toBe(fs.readFileSync(seedPath('000'), 'utf8'));
    expect(listBackups(file).map((b) => b.reason)).toContain('恢复前');
  });

  it('a restore checks the backup first: another year’s file or a damaged one changes nothing', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const other = await yearFileWithSeed('004', tempDir());
    const bytes = sha256(file);
    const r = await cli('restore', file, other);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('备份是 2021 年度的，年度文件是 2023 年度的');
    const broken = path.join(dir, 'broken.db');
    fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, 4096));
    expect((await cli('restore', file, broken)).stderr).toContain('不完整');
    expect(sha256(file)).toBe(bytes);
  });

  it('one a day: opening in the app backs up on the first opening of a day only; the rotation is bounded', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const s = appSessionIn(dir);
    s.open(file);
    s.open(file);
    expect(listBackups(file).filter((b) => b.reason === '每日')).toHaveLength(1);
    s.closeYear();
    for (let day = 1; day <= 40; day++) dailyBackup(file, new Date(2030, 0, day, 9));
    for (let i = 0; i < 15; i++) makeBackup(file, '导入前', new Date(2030, 2, 1, 9, i));
    const kept = listBackups(file);
    expect(kept.filter((b) => b.reason === '每日')).toHaveLength(30);
    expect(kept.filter((b) => b.reason === '导入前')).toHaveLength(10);
  });

  it('a year file that will not open: the app lists its backups and restores the newest, then opens it', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const s = appSessionIn(dir, false);
    s.open(file);
    s.closeYear();
    // A power cut while the file was copied: it is cut short.
    fs.truncateSync(file, 8192);
    let code: string | undefined;
    try {
      invoke(s, 'app.openYear', { file: path.basename(file) });
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('year-damaged');
    const list = invoke(s, 'backup.list', { file: path.basename(file) });
    expect(list.backups[0]?.reason).toBe('每日');
    const facts = invoke(s, 'backup.restore', { file: path.basename(file), backup: list.backups[0]!.name });
    expect(facts.fiscalYear).toBe(2023);
    expect(invoke(s, 'view.summary', {}).projects).toHaveLength(11);
    // The cut-short file was kept too, in case there is something in it.
    expect(listBackups(file).some((b) => b.name.includes('损坏的原文件'))).toBe(true);
    expect(() => invoke(s, 'backup.restore', { backup: '../../etc/passwd' })).toThrow('找不到备份');
    s.closeYear();
  });

  it('an import in the app backs up the year first', async () => {
    const dir = tempDir();
    const s = appSessionIn(dir);
    s.open(await yearFileWithSeed('000', dir));
    const [f] = invoke(s, 'import.addPaths', { paths: [await t1Messy(tempDir(), '001')] });
    await s.jobs.wait(invoke(s, 'import.start', { files: [f!.id], target: 'open', policy: 'add' }).id);
    const backups = invoke(s, 'backup.list', {}).backups;
    expect(backups.map((b) => b.reason)).toContain('导入前');
    const before = listBackups(s.store!.path).find((b) => b.reason === '导入前')!;
    const old = YearStore.open(before.path, { readonly: true });
    expect(old.read().departments).toHaveLength(1);
    old.close();
    s.closeYear();
  });
});
