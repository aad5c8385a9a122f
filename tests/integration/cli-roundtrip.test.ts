import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, SEEDS, seedPath, tempDir, yearFileWithSeed } from './helpers.ts';

describe('load then dump gives back exactly the JSON that went in', () => {
  for (const id of SEEDS) {
    it(`seed ${id}: byte-for-byte, to stdout and with --out`, async () => {
      const dir = tempDir();
      const file = await yearFileWithSeed(id, dir);
      const expected = fs.readFileSync(seedPath(id), 'utf8');

      // Seed 003 goes through the real program, so stdout's bytes are what a pipe receives.
      const toStdout = id === '003' ? cliProcess('dump', file) : await cli('dump', file);
      expect(toStdout.code).toBe(0);
      expect(toStdout.stdout).toBe(expected);

      const out = path.join(dir, 'dump.json');
      const toFile = await cli('dump', file, '--out', out);
      expect(toFile.code).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toBe(expected);
      // The atomic write leaves no temporary file behind.
      expect(fs.readdirSync(dir).sort()).toEqual(['dump.json', `seed-${id}.db`]);
    });
  }

  it('a second load adds the departments after the first, as its own undo step', async () => {
    const file = await yearFileWithSeed('000');
    expect((await cli('load', file, seedPath('000'))).code).toBe(0);
    const twice = JSON.parse((await cli('dump', file)).stdout) as { departments: { name: string }[] };
    expect(twice.departments.map((d) => d.name)).toEqual(['广州市信访局', '广州市信访局']);
    expect((await cli('undo', file)).code).toBe(0);
    expect((await cli('dump', file)).stdout).toBe(fs.readFileSync(seedPath('000'), 'utf8'));
  });
});

describe('new', () => {
  it('creates an empty year that dumps with its year and framework', async () => {
    const file = path.join(tempDir(), '2025年.db');
    const r = await cli('new', file, '--year', '2025', '--framework', 'B');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2025');
    expect(JSON.parse((await cli('dump', file)).stdout)).toEqual({
      format: 'perf-targets/1',
      fiscalYear: 2025,
      framework: 'B',
      departments: [],
    });
  });

  it('refuses to overwrite an existing file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.db');
    fs.writeFileSync(file, 'keep me');
    const r = await cli('new', file, '--year', '2025');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('已存在');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it.each([
    [['--year', '25'], '四位年份'],
    [['--year', '1899'], '1990 到 2200'],
    [['--year', '2025', '--framework', 'C'], '只能是 A'],
    [[], '缺少 --year'],
  ])('rejects bad arguments %j with a Chinese message and writes nothing', async (args, text) => {
    const dir = tempDir();
    const r = await cli('new', path.join(dir, 'y.db'), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
