// The year file shared or taken away: the app and the CLI changing the same file, the file moved or deleted while
// open, a read-only file. Each time: a clear message, nothing corrupted, no edit lost without the officer knowing.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { invoke, toResult } from '../../electron/core/api/handlers.ts';
import { AppSession } from '../../electron/core/app/session.ts';
import { appWithSeed, cli, sha256 } from './helpers.ts';

const firstProject = (s: AppSession) => invoke(s, 'view.summary', {}).projects[0]!;

describe('the app and another program on the same year file', () => {
  it('a change the CLI makes is noticed: the revision moves, and the next action says it started elsewhere', async () => {
    const { s, file } = await appWithSeed('000');
    const p = firstProject(s);
    const r1 = invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: p.id, field: 'fiscal', value: '90' }] });
    expect(r1.revision).toEqual({ before: 0, after: 1 });
    // The CLI undoes that edit in its own process-like connection.
    expect((await cli('undo', file)).code).toBe(0);
    expect(invoke(s, 'year.revision', {})).toBe(2);
    expect(firstProject(s).fiscal).toBe(8900);
    const r2 = invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: p.id, field: 'goal', value: '新的绩效目标' }] });
    expect(r2.revision).toEqual({ before: 2, after: 3 });
    expect((await cli('validate', file)).code).toBe(1);
    expect(Database(file, { readonly: true }).pragma('integrity_check', { simple: true })).toBe('ok');
    s.closeYear();
  });

  it('a write while another program holds the file is refused with a message and can be retried', async () => {
    const { s, file } = await appWithSeed('000');
    const holder = new Database(file);
    holder.exec('BEGIN EXCLUSIVE');
    // As a transport answers it: the Chinese message, and the code that lets the page offer 重试.
    const refused = toResult(() => invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: firstProject(s).id, field: 'fiscal', value: '1' }] }));
    holder.exec('ROLLBACK');
    holder.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-saved', message: expect.stringContaining('正被其他程序使用') } });
    const retried = invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: firstProject(s).id, field: 'fiscal', value: '1' }] });
    expect(retried.label).not.toBeNull();
    s.closeYear();
  }, 20_000);
});

describe('the file taken away or locked down', () => {
  it('a full disk: the edit is refused with a message, nothing half-written, and the same edit succeeds once there is room', async () => {
    const { s } = await appWithSeed('000');
    const db = s.store!.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    // SQLite's page limit gives the same SQLITE_FULL a full disk gives, on this connection only.
    db.pragma(`max_page_count = ${pages}`);
    const dumpBefore = invoke(s, 'year.dump', {});
    const goal = '绩效目标'.repeat(1_750);
    const big = { changes: invoke(s, 'view.summary', {}).projects.map((p) => ({ entity: 'project' as const, id: p.id, field: 'goal', value: goal })) };
    expect(toResult(() => invoke(s, 'edit.cells', big))).toMatchObject({ ok: false, error: { code: 'not-saved', message: expect.stringContaining('磁盘已满') } });
    expect(invoke(s, 'year.dump', {})).toEqual(dumpBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.pragma(`max_page_count = ${pages * 100}`);
    expect(invoke(s, 'edit.cells', big).label).not.toBeNull();
    expect(invoke(s, 'view.summary', {}).projects.every((p) => p.goal === goal)).toBe(true);
    s.closeYear();
  });

  it('moved while open: an edit is refused with a message, and the moved file is not touched', async () => {
    const { s, file, root: dir } = await appWithSeed('000');
    const moved = path.join(dir, '移走了.db');
    fs.renameSync(file, moved);
    const before = sha256(moved);
    expect(() => invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: firstProject(s).id, field: 'fiscal', value: '1' }] })).toThrow('已不在原处');
    expect(toResult(() => invoke(s, 'history.undo', {}))).toMatchObject({ ok: false, error: { code: 'not-saved' } });
    expect(sha256(moved)).toBe(before);
    s.closeYear();
  });

  it('deleted while open: refused, not written into a file nobody will find', async () => {
    const { s, file } = await appWithSeed('000');
    fs.rmSync(file);
    expect(() => invoke(s, 'project.add', { unitId: invoke(s, 'view.summary', {}).units[0]!.id })).toThrow('已不在原处');
    expect(fs.existsSync(file)).toBe(false);
    s.closeYear();
  });

  it('a read-only file opens read-only: shown and exported, never changed', async () => {
    const { s, file } = await appWithSeed('000');
    s.closeYear();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    expect(invoke(s, 'app.openYear', { file }).readonly).toBe(true);
    expect(() => invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: firstProject(s).id, field: 'fiscal', value: '1' }] })).toThrow('以只读方式打开');
    expect(invoke(s, 'view.summary', {}).projects).toHaveLength(11);
    expect(sha256(file)).toBe(before);
    s.closeYear();
    fs.chmodSync(file, 0o644);
  });
});
