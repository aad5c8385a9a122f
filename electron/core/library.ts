// The indicator library: every 三级 indicator the officer's year files hold (all of the data folder, and the open
// year), gathered by name, with how often each was used, under which (一级, 二级), with which 计量单位 and which target
// values. As the officer types a 三级 name, the best matches come back, most used first; the framework's 二级 names
// are offered too, for a new office whose folder holds nothing yet.

import fs from 'node:fs';
import path from 'node:path';
import type { LibrarySuggestion } from '../../shared/api.ts';
import { FRAMEWORKS, type FrameworkId } from '../../shared/frameworks.ts';
import { listYearFiles } from './app/session.ts';
import { YearStore } from './store/yearStore.ts';

interface Entry {
  name: string;
  uses: number;
  levels: Map<string, number>;
  units: Map<string, number>;
  values: Map<string, number>;
  description: string;
  basis: Map<string, number>;
}

type Row = { name: string; level1: string; level2: string; annual_value: string; target_unit: string | null; description: string; basis: string };

const key = (name: string) => name.replace(/[\s\u3000]/g, '');

function bump(m: Map<string, number>, k: string): void {
  if (k !== '') m.set(k, (m.get(k) ?? 0) + 1);
}

function top(m: Map<string, number>, n: number): string[] {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).slice(0, n).map(([k]) => k);
}

/** The indicators of one year file, read once per change of the file. */
const cache = new Map<string, { mtimeMs: number; size: number; rows: Row[] }>();

function rowsOf(file: string): Row[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.rows;
  let rows: Row[] = [];
  try {
    const store = YearStore.open(file, { readonly: true });
    try {
      rows = store.db.prepare("SELECT name, level1, level2, annual_value, target_unit, description, basis FROM indicator WHERE trim(name) <> ''").all() as Row[];
    } finally {
      store.close();
    }
  } catch {
    // A file that cannot be read adds nothing; Home says what is wrong with it.
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, rows });
  return rows;
}

export function suggest(opts: { text: string; dataDir: string; open: YearStore | null; framework: FrameworkId; limit?: number }): LibrarySuggestion[] {
  const typed = key(opts.text);
  const limit = opts.limit ?? 8;
  if (typed === '') return [];
  const files = new Set(listYearFiles(opts.dataDir).filter((f) => !f.problem).map((f) => path.resolve(f.path)));
  const entries = new Map<string, Entry>();
  const add = (r: Row) => {
    const k = key(r.name);
    let e = entries.get(k);
    if (!e) entries.set(k, (e = { name: r.name.trim(), uses: 0, levels: new Map(), units: new Map(), values: new Map(), description: '', basis: new Map() }));
    e.uses++;
    bump(e.levels, `${r.level1}|${r.level2}`);
    bump(e.units, r.target_unit ?? '');
    bump(e.values, r.annual_value.trim());
    bump(e.basis, r.basis.trim());
    if (e.description === '' && r.description.trim() !== '') e.description = r.description.trim();
  };
  if (opts.open) {
    files.delete(path.resolve(opts.open.path));
    for (const r of opts.open.db.prepare("SELECT name, level1, level2, annual_value, target_unit, description, basis FROM indicator WHERE trim(name) <> ''").all() as Row[]) add(r);
  }
  for (const f of files) for (const r of rowsOf(f)) add(r);

  const rank = (name: string) => {
    const k = key(name);
    if (k === typed) return 0;
    if (k.startsWith(typed)) return 1;
    if (k.includes(typed)) return 2;
    return -1;
  };
  const found: { s: LibrarySuggestion; rank: number }[] = [];
  for (const e of entries.values()) {
    const r = rank(e.name);
    if (r < 0) continue;
    const [level1 = '', level2 = ''] = (top(e.levels, 1)[0] ?? '|').split('|');
    found.push({
      rank: r,
      s: {
        kind: 'indicator',
        name: e.name,
        uses: e.uses,
        level1,
        level2,
        unit: top(e.units, 1)[0] ?? '',
        values: top(e.values, 3),
        description: e.description,
        basis: top(e.basis, 1)[0] ?? '',
      },
    });
  }
  // The framework's own 二级 names: the category to file an indicator under, even with an empty library.
  for (const l1 of FRAMEWORKS[opts.framework].level1) {
    for (const l2 of l1.level2) {
      const r = rank(l2.name);
      if (r >= 0) found.push({ rank: r + 0.5, s: { kind: 'category', name: l2.name, uses: 0, level1: l1.name, level2: l2.name, unit: '', values: [], description: '', basis: '' } });
    }
  }
  return found.sort((a, b) => a.rank - b.rank || b.s.uses - a.s.uses || a.s.name.localeCompare(b.s.name, 'zh-CN')).slice(0, limit).map((f) => f.s);
}
