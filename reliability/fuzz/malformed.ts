// Payloads every channel must refuse, made from its schema: not an object at all, an extra key, each required key
// missing, each key of the wrong type, numbers out of range or not whole, strings too long, arrays too long.
// Only what the schema itself rejects is kept, so each one is a payload the channel must refuse before any
// handler runs.

import { API, type Channel } from '../../shared/api.ts';
import { rng } from '../common.ts';
import { fromSchema, schemaOf, type ZodDef } from './generators.ts';

function unwrap(def: ZodDef): { def: ZodDef; optional: boolean } {
  return def.type === 'optional' ? { def: (def.innerType as { _zod: { def: ZodDef } })._zod.def, optional: true } : { def, optional: false };
}

/** Values of the wrong kind, or of the right kind but outside what the schema allows. */
function wrongValues(def: ZodDef): unknown[] {
  const check = (name: string) => def.checks?.map((c) => c._zod.def).find((c) => c.check === name);
  switch (def.type) {
    case 'string': {
      const max = check('max_length')?.maximum;
      return [123, null, ['a'], { a: 1 }, ...(max === undefined ? [] : ['x'.repeat(max + 1)]), ...(check('min_length') ? [''] : [])];
    }
    case 'number':
      return ['1', null, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -1, 0, 2 ** 60, true];
    case 'boolean':
      return ['true', 1, null, {}];
    case 'enum':
      return ['不存在的选项', 1, null, ''];
    case 'array': {
      const max = check('max_length')?.maximum;
      return [{}, 'a', null, ...(check('min_length') ? [[]] : []), ...(max !== undefined && max <= 100_000 ? [Array.from({ length: max + 1 }, () => 1)] : [])];
    }
    case 'object':
      return [[], 'a', 1, null, { unknownKey: 1 }];
    default:
      return [];
  }
}

export function malformedPayloads(channel: Channel): unknown[] {
  const schema = API[channel];
  const def = schemaOf(channel);
  const valid = fromSchema(rng(1), def, '') as Record<string, unknown>;
  const out: unknown[] = [42, 'year', [], true, { ...valid, notAField: 1 }, { ...valid, ...(JSON.parse('{"__proto__":{"polluted":1}}') as object) }];
  for (const [key, v] of Object.entries(def.shape ?? {})) {
    const { def: inner, optional } = unwrap(v._zod.def);
    if (!optional) {
      const without = { ...valid };
      delete without[key];
      out.push(without);
    }
    for (const bad of wrongValues(inner)) out.push({ ...valid, [key]: bad });
  }
  return out.filter((p) => !schema.safeParse(p).success);
}
