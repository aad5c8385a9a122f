// How a refused import is checked, for every kind of bad file: exit 2 with one error line that names the file and
// says what is wrong, the year file byte for byte unchanged, and no new year file made from the bad source.

import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { cli, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

export async function expectImportRefused(make: (dir: string) => string | Promise<string>, message: string | RegExp): Promise<string> {
  const dir = tempDir();
  const target = await yearFileWithSeed('000', dir);
  const before = sha256(target);
  const src = await make(dir);
  const r = await cli('import', target, src);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain(path.basename(src));
  expect(r.stderr.split('\n').filter((l) => l.startsWith('错误')).length).toBe(1);
  expect(sha256(target)).toBe(before);
  // Nor is a new year file created from a bad source.
  const fresh = path.join(dir, 'fresh.db');
  expect((await cli('import', fresh, src, '--year', '2023')).code).toBe(2);
  expect(fs.existsSync(fresh)).toBe(false);
  return r.stderr;
}
