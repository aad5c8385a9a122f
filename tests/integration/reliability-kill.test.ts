// The kill harness's short form (the full form is `npm run torture`, figures in docs/reliability.md): every
// operation — a large load, an import (xlsx and .xls, with its backup), the app's roll-forward, a burst of edits
// through the handler map, an export — is SIGKILLed at random moments, and each time the year file opens, passes
// integrity_check, holds the state before or after (never a part), keeps a consistent undo history, and no
// half-written xlsx, year file or backup stands where the officer or the app would take it as real.

import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { backupDir, listBackups, makeBackup } from '../../electron/core/store/backups.ts';
import { torture } from '../../reliability/torture/harness.ts';
import { KNOWN_DEFECTS, SCENARIOS } from '../../reliability/torture/scenarios.ts';
import { yearFileWithSeed } from './helpers.ts';

const SOUND = SCENARIOS.filter((s) => !KNOWN_DEFECTS[s]);

it(`survives ${3 * SOUND.length} kills across every operation with nothing lost or half-written`, async () => {
  const report = await torture({ kills: 3 * SOUND.length, seed: 12, small: true, scenarios: SOUND });
  expect(report.failures).toEqual([]);
  // Every operation was hit, and mostly while it ran (not only before it started or after it ended).
  for (const sc of SOUND) expect(report.scenarios[sc]?.kills).toBe(3);
  const mid = Object.values(report.scenarios).reduce((n, f) => n + f.midOperation, 0);
  expect(mid).toBeGreaterThanOrEqual(SOUND.length);
}, 180_000);

// The CLI roll-forward once left an empty next year when killed between creating the file and filling it; it now
// builds the file under a temporary name (electron/core/store/newYearFile.ts).
it('the CLI roll-forward leaves next year\'s file whole or absent when killed', async () => {
  const report = await torture({ kills: 10, seed: 7, small: true, scenarios: ['rollforward-cli'] });
  expect(report.failures).toEqual([]);
}, 180_000);

it('a backup a kill cut short (its .partial copy) is swept away by a later backup once it is an hour old, and never listed', async () => {
  const file = await yearFileWithSeed('001');
  const dir = backupDir(file);
  fs.mkdirSync(dir, { recursive: true });
  const stem = path.basename(file, '.db');
  const old = path.join(dir, `${stem}-20250101-080000-导入前.db.partial`);
  const fresh = path.join(dir, `${stem}-20250101-090000-导入前.db.partial`);
  for (const f of [old, fresh]) fs.writeFileSync(f, 'half a copy');
  const now = new Date();
  fs.utimesSync(old, new Date(now.getTime() - 2 * 3600_000), new Date(now.getTime() - 2 * 3600_000));
  expect(listBackups(file)).toEqual([]);
  makeBackup(file, '导入前', now);
  expect(fs.existsSync(old)).toBe(false);
  // One a few minutes old may be another program's backup under way: left alone.
  expect(fs.existsSync(fresh)).toBe(true);
  expect(listBackups(file).map((b) => b.reason)).toEqual(['导入前']);
});
