// The quick pass over a sound interchange file (shared/interchangeFast.ts) must never accept what the schema refuses,
// and must give the same year when both accept. Every value of the seeds is spoiled in turn, in the ways a hand-edited
// or foreign file is wrong, and the two readers are compared on each spoiled copy.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT, parseInterchange, readBySchema, serializeInterchange } from '../../shared/interchange.ts';
import { readSoundYear } from '../../shared/interchangeFast.ts';
import type { YearData } from '../../shared/model.ts';
import { generateYear } from '../../bench/generate.ts';

const SEEDS_DIR = path.resolve(import.meta.dirname, '../fixtures/seeds');
const SEED_IDS = ['000', '001', '002', '003', '004'] as const;

type Json = { [key: string]: Json } | Json[] | string | number | boolean | null;
type Key = string | number;

const seed = (id: string) => JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, `seed-${id}.json`), 'utf8')) as Json;

/** A year with every optional key present: stated totals, a style, unparsed text, an overall table. */
function fullYear(): Json {
  const y = generateYear(3);
  const p = y.departments[0]?.units[0]?.projects[0];
  if (!p) throw new Error('the generated year has no project');
  p.unparsedIndicators = '3、满意度：群众满意度，年度指标';
  p.spendingPlan = { mar: 0, jun: null, oct: -1, dec: 12345 };
  return JSON.parse(serializeInterchange({ ...y, summaryStyle: 'C' })) as Json;
}

/** Every path in a JSON value, the root's children first. */
function paths(v: Json, at: Key[] = []): Key[][] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [Key, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
}

/** What a spoiled file may hold instead of a value. */
const REPLACEMENTS: readonly Json[] = [
  null, 0, 1.5, -1, 2025, 1e300, true, '', 'x', 'A', 'D', '12.345', '1,107.43', '89.0', '-0.00', '0.00', '０.００', ' 1.00',
  '1.00 ', '999999999999999.99', '99999999999999.99', [], {}, [{}],
];

/**
 * The spoiled copies of `root`: each value deleted, replaced, and each object given a stray key. Only the first item
 * of a list is spoiled: the readers treat every item of a list alike.
 */
function* spoiled(root: Json): Generator<{ what: string; json: Json }> {
  for (const p of paths(root).filter((keys) => keys.every((k) => k === 0 || typeof k === 'string'))) {
    const last = p[p.length - 1] as Key;
    const edit = (change: (parent: Record<Key, Json>) => void): Json => {
      const copy = structuredClone(root);
      let parent = copy as Record<Key, Json>;
      for (const k of p.slice(0, -1)) parent = parent[k] as Record<Key, Json>;
      change(parent);
      return copy;
    };
    yield { what: `${p.join('.')} deleted`, json: edit((parent) => (Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last])) };
    for (const r of REPLACEMENTS) yield { what: `${p.join('.')} = ${JSON.stringify(r)}`, json: edit((parent) => (parent[last] = structuredClone(r))) };
    yield {
      what: `${p.join('.')} with a stray key`,
      json: edit((parent) => {
        const v = parent[last];
        if (v && typeof v === 'object' && !Array.isArray(v)) v.stray = 1;
      }),
    };
  }
  yield { what: '__proto__ key', json: JSON.parse(JSON.stringify(root).replace(/^\{/, '{"__proto__":{},')) as Json };
}

function bySchema(json: Json): YearData | null {
  try {
    return readBySchema(json);
  } catch {
    return null;
  }
}

describe('the quick pass over a sound interchange file', () => {
  const roots: [string, Json][] = [...SEED_IDS.map((id): [string, Json] => [`seed-${id}`, seed(id)]), ['a generated year', fullYear()]];

  for (const [name, root] of roots) {
    it(`reads ${name} as the schema does`, () => {
      const quick = readSoundYear(root as object, FORMAT);
      expect(quick).not.toBeNull();
      expect(quick).toStrictEqual(readBySchema(root));
      expect(serializeInterchange(parseInterchange(JSON.stringify(root)))).toBe(serializeInterchange(readBySchema(root)));
    });

    it(`accepts no spoiled copy of ${name} that the schema refuses`, () => {
      let bothAccepted = 0;
      let bothRefused = 0;
      for (const { what, json } of spoiled(root)) {
        const schema = bySchema(json);
        const quick = json !== null && typeof json === 'object' ? readSoundYear(json, FORMAT) : null;
        if (quick === null) {
          if (schema === null) bothRefused++;
          continue;
        }
        expect(schema, what).not.toBeNull();
        expect(quick, what).toStrictEqual(schema);
        bothAccepted++;
      }
      // Both kinds occur, so the comparison above is not empty on either side.
      expect(bothAccepted).toBeGreaterThan(10);
      expect(bothRefused).toBeGreaterThan(10);
    });
  }

  it('keeps the sign of a negative zero as the schema does', () => {
    const root = seed('000') as { departments: { total: Json }[] };
    (root.departments[0] as { total: Json }).total = '-0.00';
    expect(Object.is(readSoundYear(root, FORMAT)?.departments[0]?.statedTotal, readBySchema(root).departments[0]?.statedTotal)).toBe(true);
  });
});
