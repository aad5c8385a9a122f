// A bulk insert (load, import, roll-forward) is recorded as the id ranges it inserted, not as a copy of every row
// (schema v4): the year file stays about the size of its data, and undo and redo still restore every state exactly,
// across processes, with the ids the rows had.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseInterchange, serializeInterchange } from '../../shared/interchange.ts';
import { HISTORY_LIMIT, YearStore } from '../../electron/core/store/yearStore.ts';
import { cli, seedPath, type SeedId, tempDir, yearFileWithSeed } from './helpers.ts';

const seedData = (n: SeedId) => parseInterchange(fs.readFileSync(seedPath(n), 'utf8'));

/** Every row of every data table with its id: what undo must give back, ids included. */
function rowsOf(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = ['meta', 'department', 'overall', 'overall_task', 'unit', 'project', 'indicator'];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
  } finally {
    db.close();
  }
}

function undoLogBytes(file: string): { rows: number; imageBytes: number } {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS rows, coalesce(sum(length(old_image)), 0) + coalesce(sum(length(new_image)), 0) AS imageBytes FROM undo_log').get() as { rows: number; imageBytes: number };
  } finally {
    db.close();
  }
}

describe('the undo record of a bulk insert', () => {
  it('a load keeps no copy of its rows, yet undo, redo and undo again restore each state exactly in new processes', async () => {
    const file = await yearFileWithSeed('003');
    const seed = fs.readFileSync(seedPath('003'), 'utf8');
    const loaded = rowsOf(file);
    // 13 projects and 63 indicators loaded: a handful of range entries (and the meta the load set), no images of rows.
    const log = undoLogBytes(file);
    expect(log.rows).toBeLessThanOrEqual(8);
    expect(log.imageBytes).toBeLessThan(300);

    expect((await cli('undo', file)).code).toBe(0);
    expect(JSON.parse((await cli('dump', file)).stdout).departments).toEqual([]);
    expect((await cli('redo', file)).code).toBe(0);
    expect((await cli('dump', file)).stdout).toBe(seed);
    expect(rowsOf(file)).toEqual(loaded);
    // Redo dropped the images undo kept: the rows are in their tables again.
    expect(undoLogBytes(file).imageBytes).toBe(log.imageBytes);

    // An edit after the redo, then both undone and redone: every state comes back, ids included.
    const store = YearStore.open(file);
    store.transact('改名', () => store.db.prepare("UPDATE project SET name = '改过的名字' WHERE id = (SELECT min(id) FROM project)").run());
    const edited = rowsOf(file);
    store.close();
    expect((await cli('undo', file)).code).toBe(0);
    expect(rowsOf(file)).toEqual(loaded);
    expect((await cli('undo', file)).code).toBe(0);
    expect((await cli('redo', file)).code).toBe(0);
    expect((await cli('redo', file)).code).toBe(0);
    expect(rowsOf(file)).toEqual(edited);
  });

  it('an import merged into an existing department (its new overall table, new projects in its units) undoes and redoes exactly', async () => {
    const file = await yearFileWithSeed('000');
    const before = rowsOf(file);
    const store = YearStore.open(file);
    const more = seedData('000');
    const overall = seedData('004').departments[0]?.overall ?? null;
    expect(overall).not.toBeNull();
    for (const d of more.departments) d.overall = overall;
    store.append(more, '导入', {}, { mergeByName: true });
    const merged = serializeInterchange(store.read());
    const mergedRows = rowsOf(file);
    expect(store.read().departments[0]?.overall?.tasks).toHaveLength(overall?.tasks.length ?? -1);
    expect(store.undo()).toBe('导入');
    expect(rowsOf(file)).toEqual(before);
    expect(store.redo()).toBe('导入');
    expect(serializeInterchange(store.read())).toBe(merged);
    expect(rowsOf(file)).toEqual(mergedRows);
    store.close();
  });

  it('a step that deletes rows and then inserts in bulk (ids given out again) undoes and redoes exactly', async () => {
    const file = await yearFileWithSeed('001');
    const before = rowsOf(file);
    const store = YearStore.open(file);
    store.transact('替换', () => {
      // The newest project and its indicators go; the bulk insert after them reuses their ids.
      store.db.prepare('DELETE FROM project WHERE id = (SELECT max(id) FROM project)').run();
      store.appendInside(seedData('001'), { mergeByName: true });
    });
    const after = rowsOf(file);
    expect(store.undo()).toBe('替换');
    expect(rowsOf(file)).toEqual(before);
    expect(store.redo()).toBe('替换');
    expect(rowsOf(file)).toEqual(after);
    store.close();
  });

  it('a load leaves the undo triggers as they were: rows added afterwards are recorded and undone one by one', async () => {
    const file = path.join(tempDir(), 'y.db');
    expect((await cli('new', file, '--year', '2023', '--framework', 'A')).code).toBe(0);
    const triggers = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
      } finally {
        db.close();
      }
    };
    const before = triggers();
    expect(before.length).toBeGreaterThan(0);
    expect((await cli('load', file, seedPath('000'))).code).toBe(0);
    expect(triggers()).toEqual(before);
    const loaded = rowsOf(file);
    const store = YearStore.open(file);
    store.transact('新增项目', () => store.db.prepare("INSERT INTO project (unit_id, position, name) VALUES ((SELECT min(id) FROM unit), 99, '新项目')").run());
    expect(store.undo()).toBe('新增项目');
    store.close();
    expect(rowsOf(file)).toEqual(loaded);
  });

  it('the history keeps the newest 200 steps and drops older ones, the load first', async () => {
    const file = await yearFileWithSeed('002');
    const store = YearStore.open(file);
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) {
      store.transact(`改金额 ${i}`, () => store.db.prepare('UPDATE project SET fund_other = ? WHERE id = (SELECT min(id) FROM project)').run(i));
    }
    const undo = store.history().undo;
    expect(undo).toHaveLength(HISTORY_LIMIT);
    expect(undo[0]).toBe(`改金额 ${HISTORY_LIMIT + 5}`);
    expect(undo.at(-1)).toBe('改金额 6');
    store.close();
  });

  it('a roll-forward writes the new year without a copy of its rows in the undo record', async () => {
    const file = await yearFileWithSeed('003');
    const next = path.join(tempDir(), '2024年.db');
    const r = await cli('rollforward', file, next);
    expect(r.code, r.stderr).toBe(0);
    expect(undoLogBytes(next).imageBytes).toBeLessThan(300);
    expect((await cli('undo', next)).code).toBe(0);
    expect(JSON.parse((await cli('dump', next)).stdout).departments).toEqual([]);
  });
});
