// One action = one undo step, and the history lives in the file: it survives closing and reopening.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../shared/frameworks.ts';
import { parseInterchange, serializeInterchange } from '../../shared/interchange.ts';
import { APPLICATION_ID, migrate, SCHEMA_VERSION } from '../../electron/core/store/schema.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { cli, seedPath, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

const emptyDump = (year: number, fw: string) =>
  `${JSON.stringify({ format: 'perf-targets/1', fiscalYear: year, framework: fw, departments: [] }, null, 2)}\n`;

describe('undo and redo across processes', () => {
  it('undo takes back a load, redo applies it again, each in a new process', async () => {
    const file = await yearFileWithSeed('004');
    const seed = fs.readFileSync(seedPath('004'), 'utf8');

    const u = await cli('undo', file);
    expect(u.code).toBe(0);
    expect(u.stderr).toContain('已撤销：载入 seed-004.json');
    expect((await cli('dump', file)).stdout).toBe(emptyDump(2021, 'A'));

    const nothing = await cli('undo', file);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('没有可撤销的操作');

    const r = await cli('redo', file);
    expect(r.code).toBe(0);
    expect((await cli('dump', file)).stdout).toBe(seed);
    expect((await cli('redo', file)).code).toBe(1);
  });

  it('a new action after an undo drops the redo branch', async () => {
    const file = await yearFileWithSeed('002');
    expect((await cli('undo', file)).code).toBe(0);
    expect((await cli('load', file, seedPath('002'))).code).toBe(0);
    expect((await cli('redo', file)).code).toBe(1);
    const store = YearStore.open(file, { readonly: true });
    expect(store.history()).toEqual({ undo: ['载入 seed-002.json'], redo: [] });
    store.close();
  });

  it('undo restores deleted rows, cascades included, with their ids', async () => {
    const file = await yearFileWithSeed('003');
    const store = YearStore.open(file);
    const before = serializeInterchange(store.read());
    store.transact('删除部门', () => store.db.prepare('DELETE FROM department').run());
    expect(store.read().departments).toEqual([]);
    expect(store.undo()).toBe('删除部门');
    expect(serializeInterchange(store.read())).toBe(before);
    expect(store.redo()).toBe('删除部门');
    expect(store.read().departments).toEqual([]);
    store.close();
  });

  it('an edit is one step; a step that changes nothing leaves no trace', async () => {
    const file = await yearFileWithSeed('000');
    const store = YearStore.open(file);
    store.transact('改名', () => store.db.prepare("UPDATE project SET name = '物业管理服务费' WHERE name = '物业管理费'").run());
    store.transact('什么也不做', () => undefined);
    expect(store.history().undo).toEqual(['改名', '载入 seed-000.json']);
    store.close();
    const again = YearStore.open(file);
    expect(again.undo()).toBe('改名');
    expect(again.read().departments[0]?.units[0]?.projects[0]?.name).toBe('物业管理费');
    again.close();
  });

  it('a failing action rolls back entirely and records nothing', async () => {
    const file = await yearFileWithSeed('000');
    const before = sha256(file);
    const store = YearStore.open(file);
    expect(() =>
      store.transact('半途失败', () => {
        store.db.prepare('DELETE FROM indicator').run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.read().departments[0]?.units[0]?.projects[0]?.indicators).toHaveLength(3);
    expect(store.history().undo).toEqual(['载入 seed-000.json']);
    store.close();
    expect(sha256(file)).toBe(before);
  });
});

describe('the file on disk', () => {
  it('uses the rollback journal and leaves no side files', async () => {
    const file = await yearFileWithSeed('001');
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('an older file is migrated after a backup copy is left next to it', async () => {
    const dir = tempDir();
    const file = path.join(dir, '2023年.db');
    // A version-1 file, as the first release wrote it: domain tables, no history.
    const db = new Database(file);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 0, 1);
    db.prepare("INSERT INTO meta (key, value) VALUES ('fiscal_year', '2023'), ('framework', 'A')").run();
    db.prepare("INSERT INTO department (id, position, name) VALUES (1, 0, '广州市信访局')").run();
    db.close();
    const original = fs.readFileSync(file);

    // Reading does not migrate the file and leaves no backup.
    expect((await cli('dump', file)).code).toBe(0);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['2023年.db']);

    // Writing migrates it; the backup holds the old bytes.
    const loaded = await cli('load', file, seedPath('000'));
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['2023年.db', '2023年.v1备份.db']);
    expect(fs.readFileSync(path.join(dir, '2023年.v1备份.db')).equals(original)).toBe(true);
    const names = (JSON.parse((await cli('dump', file)).stdout) as { departments: { name: string }[] }).departments.map((d) => d.name);
    expect(names).toEqual(['广州市信访局', '广州市信访局']);
    expect((await cli('undo', file)).code).toBe(0);
    expect((await cli('undo', file)).code).toBe(1);
  });

  it('a version-2 file with undo history is migrated: old steps undo and redo, new steps log the new column', async () => {
    const dir = tempDir();
    const file = path.join(dir, '2023年.db');
    // A version-2 file with one step recorded by version 2's triggers (a project without the v3 column).
    const db = new Database(file);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 0, 2);
    db.transaction(() => {
      db.prepare("INSERT INTO meta (key, value) VALUES ('fiscal_year', '2023'), ('framework', 'A')").run();
      const step = db.prepare("INSERT INTO history (label, at) VALUES ('新增项目', '2023-01-01')").run().lastInsertRowid;
      db.prepare('UPDATE undo_state SET step = ? WHERE id = 1').run(step);
      db.prepare("INSERT INTO department (id, position, name) VALUES (1, 0, '广州市信访局')").run();
      db.prepare("INSERT INTO unit (id, department_id, position, name) VALUES (1, 1, 0, '广州市信访局')").run();
      db.prepare("INSERT INTO project (id, unit_id, position, name, fund_fiscal) VALUES (1, 1, 0, '物业管理费', 8900)").run();
      db.prepare('UPDATE undo_state SET step = NULL WHERE id = 1').run();
    })();
    db.close();
    const original = fs.readFileSync(file);

    const store = YearStore.open(file);
    expect(fs.readFileSync(path.join(dir, '2023年.v2备份.db')).equals(original)).toBe(true);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const first = () => store.read().departments[0]?.units[0]?.projects[0];
    store.transact('留下未识别文字', () => store.db.prepare("UPDATE project SET unparsed_indicators = '1、产出' WHERE id = 1").run());
    expect(first()?.unparsedIndicators).toBe('1、产出');
    expect(store.undo()).toBe('留下未识别文字');
    expect(first()?.unparsedIndicators).toBe('');
    expect(store.undo()).toBe('新增项目');
    expect(store.read().departments).toEqual([]);
    // Redoing the version-2 step inserts the project with the new column at its default.
    expect(store.redo()).toBe('新增项目');
    expect(first()).toMatchObject({ name: '物业管理费', funds: { fiscal: 8900 }, unparsedIndicators: '' });
    store.close();
  });

  it('store.append refuses data of another framework', async () => {
    const file = path.join(tempDir(), 'b.db');
    const store = YearStore.create(file, { fiscalYear: 2023, framework: 'B' });
    const data = parseInterchange(fs.readFileSync(seedPath('000'), 'utf8'));
    expect(() => store.append(data, 'x')).toThrow(`数据使用指标体系 A（${FRAMEWORKS.A.title}）`);
    expect(store.history().undo).toEqual([]);
    store.close();
  });
});
