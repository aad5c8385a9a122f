// Bad input gets a clear Chinese message and exit 2, and the year file is byte-for-byte unchanged afterwards.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, seedPath, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

/** Seed 000 as an object, to spoil one thing in it. */
function seed000(): Record<string, any> {
  return JSON.parse(fs.readFileSync(seedPath('000'), 'utf8'));
}

async function loadExpectingRefusal(json: string, ...expected: (string | RegExp)[]): Promise<string> {
  const dir = tempDir();
  const file = await yearFileWithSeed('002', dir);
  const before = sha256(file);
  const data = path.join(dir, 'data.json');
  fs.writeFileSync(data, json);
  const r = await cli('load', file, data);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  for (const e of expected) expect(r.stderr).toMatch(e);
  expect(sha256(file)).toBe(before);
  expect(fs.readdirSync(dir).sort()).toEqual(['data.json', 'seed-002.db']);
  return r.stderr;
}

describe('load refuses bad JSON and changes nothing', () => {
  it('malformed JSON: says line and column', async () => {
    const text = fs.readFileSync(seedPath('000'), 'utf8').replace('"fiscalYear": 2023,', '"fiscalYear": 2023');
    await loadExpectingRefusal(text, /不是有效的 JSON：第 4 行第 3 列附近有语法错误/, /data\.json/);
  });

  it('wrong format', async () => {
    const j = seed000();
    j.format = 'perf-targets/9';
    await loadExpectingRefusal(JSON.stringify(j), /format：格式 "perf-targets\/9" 不受支持/);
  });

  it('an amount with three decimals names its path and project', async () => {
    const j = seed000();
    j.departments[0].units[0].projects[1].funds.fiscal = '164.005';
    await loadExpectingRefusal(
      JSON.stringify(j),
      'departments[0].units[0].projects[1].funds.fiscal（广州市信访局 › 广州市信访局 › 市人民来访接待厅专项经费）',
      '超过两位的小数',
    );
  });

  it('an amount with letters', async () => {
    const j = seed000();
    j.departments[0].units[0].projects[0].funds.other = '12a';
    await loadExpectingRefusal(JSON.stringify(j), 'projects[0].funds.other', '不是数字');
  });

  it('an unknown 一级 name', async () => {
    const j = seed000();
    j.departments[0].units[0].projects[2].indicators[1].level1 = '效率指标';
    await loadExpectingRefusal(JSON.stringify(j), 'projects[2].indicators[1].level1（机构运行辅助经费）', '一级指标“效率指标”不属于指标体系 A');
  });

  it('data of another fiscal year', async () => {
    const j = seed000();
    j.fiscalYear = 2019;
    await loadExpectingRefusal(JSON.stringify(j), '2019 年度', '2023 年度');
  });

  it('a JSON file that does not exist', async () => {
    const file = await yearFileWithSeed('000');
    const before = sha256(file);
    const r = await cli('load', file, path.join(path.dirname(file), 'nope.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到JSON 文件');
    expect(sha256(file)).toBe(before);
  });
});

describe('year files that are not sound are refused, untouched', () => {
  const commands = (file: string, data: string) => [
    ['load', file, data],
    ['dump', file],
    ['validate', file],
    ['undo', file],
  ];

  async function expectRefusedEverywhere(file: string, message: string | RegExp): Promise<void> {
    const before = sha256(file);
    for (const args of commands(file, seedPath('000'))) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(sha256(file)).toBe(before);
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  }

  it('a .db of another program', async () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('x');");
    db.close();
    await expectRefusedEverywhere(file, '是其他程序的 SQLite 数据库，不是绩效目标年度文件');
  });

  it('a file that is not SQLite at all (an xlsx renamed)', async () => {
    const file = path.join(tempDir(), 'table.db');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]));
    await expectRefusedEverywhere(file, /不是绩效目标年度文件（这是 xlsx\/zip 文件/);
  });

  it('an empty file', async () => {
    const file = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(file, '');
    await expectRefusedEverywhere(file, '是空文件');
  });

  it('a truncated year file', async () => {
    const dir = tempDir();
    const full = await yearFileWithSeed('003', dir);
    const file = path.join(tempDir(), 'cut.db');
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
    await expectRefusedEverywhere(file, /不完整，可能在复制、下载或保存时被截断（应有 \d+ 字节，实际只有 \d+ 字节）/);
  });

  it('a year file cut mid-page', async () => {
    const full = await yearFileWithSeed('003');
    const file = path.join(tempDir(), 'cut.db');
    fs.writeFileSync(file, fs.readFileSync(full).subarray(0, 10_000));
    await expectRefusedEverywhere(file, '不完整');
  });

  it('a year file with damaged pages', async () => {
    const full = await yearFileWithSeed('003');
    const file = path.join(tempDir(), 'damaged.db');
    const bytes = Buffer.from(fs.readFileSync(full));
    // Overwrite the b-tree pages after the first one (the header stays valid, so only SQLite can see the damage).
    bytes.fill(0xa5, 4096 + 8, bytes.length - 4096);
    fs.writeFileSync(file, bytes);
    await expectRefusedEverywhere(file, '已损坏');
  });

  it('a year file written by a newer version', async () => {
    const full = await yearFileWithSeed('000');
    const file = path.join(tempDir(), 'newer.db');
    fs.copyFileSync(full, file);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    await expectRefusedEverywhere(file, '由更新版本的绩效目标表编辑器保存（文件格式版本 99');
  });

  it('a year file that does not exist', async () => {
    const r = await cli('validate', path.join(tempDir(), 'missing.db'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到年度文件');
  });
});

describe('usage', () => {
  it.each([[['frobnicate']], [['dump']], [['dump', 'a.db', 'b.db']], [['validate', 'a.db', '--fast']]])(
    '%j is a usage error (exit 2) with the usage text',
    (args) => {
      // The real program: exit code and stderr as a calling script sees them.
      const r = cliProcess(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('用法：npm run cli -- <命令>');
    },
  );
});
