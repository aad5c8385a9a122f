// The indicator library: 三级 names used in every year file of the data folder, most used first, with the category,
// unit and target values they were used with; the framework's 二级 names for an office with no files yet.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import { AppSession } from '../../electron/core/app/session.ts';
import { tempDir, yearFileWithSeed } from './helpers.ts';

async function office() {
  const root = tempDir();
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  for (const id of ['000', '001', '003'] as const) {
    const dir = path.join(root, id);
    fs.mkdirSync(dir);
    fs.renameSync(await yearFileWithSeed(id, dir), path.join(dataDir, `${id}.db`));
  }
  const s = new AppSession({ configDir: path.join(root, 'config'), defaultDataDir: dataDir }, { pathsFromPage: true });
  invoke(s, 'app.newYear', { fiscalYear: 2026, framework: 'A' });
  return s;
}

describe('the indicator library', () => {
  it('suggests names used in the data folder, most used first, with their category, unit and usual targets', async () => {
    const s = await office();
    const found = invoke(s, 'library.suggest', { text: '满意度' });
    expect(found.length).toBeGreaterThan(2);
    const indicators = found.filter((f) => f.kind === 'indicator');
    for (let i = 1; i < indicators.length; i++) expect(indicators[i - 1]!.uses).toBeGreaterThanOrEqual(indicators[i]!.uses);
    const first = indicators[0]!;
    expect(first.name).toContain('满意度');
    expect(first.level1).toBe('满意度指标');
    expect(first.values.length).toBeGreaterThan(0);
    s.closeYear();
  });

  it('ranks a name that starts with the typed text before one that only contains it', async () => {
    const s = await office();
    const names = invoke(s, 'library.suggest', { text: '信访', limit: 20 }).map((f) => f.name);
    const firstContains = names.findIndex((n) => !n.replace(/\s/g, '').startsWith('信访'));
    if (firstContains >= 0) expect(names.slice(firstContains).every((n) => !n.replace(/\s/g, '').startsWith('信访'))).toBe(true);
    expect(names.length).toBeGreaterThan(0);
    s.closeYear();
  });

  it('offers the framework categories even with an empty folder', async () => {
    const root = tempDir();
    const s = new AppSession({ configDir: path.join(root, 'config'), defaultDataDir: path.join(root, 'data') }, { pathsFromPage: true });
    invoke(s, 'app.newYear', { fiscalYear: 2026, framework: 'B' });
    expect(invoke(s, 'library.suggest', { text: '成本' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'category', name: '经济成本指标', level1: '成本指标', level2: '经济成本指标' })]),
    );
    expect(invoke(s, 'library.suggest', { text: '' })).toEqual([]);
    s.closeYear();
  });
});
