// The generator: mutated inputs from the fixtures. Workbooks (xlsx, ods, SpreadsheetML 2003, .xls) get byte-level
// damage (flipped bytes, truncation, junk) and, inside the zip, XML-level damage (broken XML, huge strings, absurd
// or overlapping merges, a cell on row 1,048,576, deep nesting, a DTD, bad references); interchange JSON gets wrong
// types, huge and deep values at random places; every API channel gets payloads made from its schema and then
// broken; the money, target and indicator-text parsers get random strings from an alphabet of what officers type.

import fs from 'node:fs';
import path from 'node:path';
import { API, type Channel } from '../../shared/api.ts';
import type { Random } from '../common.ts';
import { t1Messy, t2Messy, t3Messy } from '../../tests/fixtures/import/makeFixtures.ts';
import { t1SpreadsheetML, t2SpreadsheetML } from '../../tests/fixtures/legacy/spreadsheetML.ts';
import { encodePayload, type FuzzInput, type Target } from './inputs.ts';
import { unzip, zip } from './zip.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Seeds {
  workbooks: { name: string; bytes: Buffer }[];
  interchange: { name: string; text: string }[];
}

/** The fixtures mutations start from, written into `dir`. */
export async function makeSeeds(dir: string): Promise<Seeds> {
  fs.mkdirSync(dir, { recursive: true });
  const files = [
    await t1Messy(dir, '000'),
    await t1Messy(dir, '003'),
    await t2Messy(dir),
    await t3Messy(dir),
    t1SpreadsheetML(dir, '001'),
    t2SpreadsheetML(dir),
    ...['T1-000.xls', 'T2-002.xls', 'T3-004.ods'].map((n) => path.join(ROOT, 'tests/fixtures/legacy', n)),
  ];
  const seedsDir = path.join(ROOT, 'tests/fixtures/seeds');
  return {
    workbooks: files.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) })),
    interchange: ['000', '002', '004'].map((id) => ({ name: `seed-${id}.json`, text: fs.readFileSync(path.join(seedsDir, `seed-${id}.json`), 'utf8') })),
  };
}

// ---- strings ---------------------------------------------------------------------------------------------------

/** Pieces officers type, and pieces that break naive code. */
const PIECES = [
  '0', '1', '9', '12', '100', '1,107.43', '.', ',', '，', '．', '-', '－', '+', '%', '％', '≥', '≤', '>', '<', '＞', '＜', '=', '＝',
  '≧', '≦', '不低于', '不高于', '不少于', '以上', '以下', '达到', '约', '万元', '元', '万', '个', '人次', '天', '年', '%以上', '～', '~', '—', '至',
  '０', '１', '９', '一', '二', '十', '百', '千', '亿', ' ', '\u3000', '\u00a0', '\t', '\n', '\r\n', '1、', '2、', '1.', '产出指标', '效益指标', '满意度指标',
  '成本指标', '数量指标', '质量指标', '时效指标', '：', ':', '；', ';', '。', '年度指标值：', '实施周期指标值:', '1-产出指标', '11-数量指标', '定性', '优',
  '1e308', 'NaN', 'Infinity', '0x1F', '٣', '𝟗', '😀', '\ud800', '\u202e', '\u0000', '\\', '"', "'", '<t>', '&amp;', '=cmd|', '@SUM(A1)', '../',
];

export function randomText(r: Random, maxPieces = 12): string {
  const n = r.int(0, maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(PIECES);
  if (r.chance(0.03)) s = s.repeat(r.int(100, 5000));
  return s;
}

// ---- workbooks -------------------------------------------------------------------------------------------------

const XML_MUTATIONS = ['break', 'hugeString', 'merges', 'lastRow', 'deep', 'dtd', 'badRef', 'badNumber', 'badIndex', 'attr'] as const;

function hugeText(r: Random): string {
  return r.pick(['测', 'A', '&amp;', '数据']).repeat(r.int(200_000, 2_000_000));
}

/** Damage to an XML part; `kind` says which format it belongs to, for the attributes that mean something there. */
function mutateXml(r: Random, xml: string, kind: 'xlsx' | 'ods' | 'sml'): { xml: string; how: string } {
  const m = r.pick(XML_MUTATIONS);
  const at = r.int(0, xml.length);
  switch (m) {
    case 'break': {
      const cut = r.int(0, 3);
      if (cut === 0) return { xml: xml.slice(0, at), how: 'XML 截断' };
      if (cut === 1) return { xml: `${xml.slice(0, at)}<${xml.slice(at)}`, how: 'XML 多一个 <' };
      if (cut === 2) return { xml: xml.replace(/<\/[^>]+>/, ''), how: 'XML 少一个结束标签' };
      return { xml: `${xml.slice(0, at)}</x>${xml.slice(at)}`, how: 'XML 多一个结束标签' };
    }
    case 'hugeString': {
      const text = hugeText(r);
      const re = kind === 'xlsx' ? /<t(\s[^>]*)?>[^<]*<\/t>/ : kind === 'ods' ? /<text:p>[^<]*<\/text:p>/ : /(<Data[^>]*>)[^<]*(<\/Data>)/;
      return { xml: xml.replace(re, (s) => s.replace(/>[^<]*</, `>${text}<`)), how: `巨大的字符串（${text.length} 字）` };
    }
    case 'merges':
      if (kind === 'xlsx') {
        const refs = r.pick([
          ['A1:XFD1048576'],
          ['B2:D4', 'C3:E5', 'A1:B2'],
          ['A1:A1', 'Z9:A1'],
          ['A1:C3', 'A1:C3'],
          Array.from({ length: 5000 }, (_, i) => `A${i * 2 + 1}:B${i * 2 + 2}`),
        ]);
        const cells = `<mergeCells count="${refs.length}">${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
        return { xml: xml.replace(/<mergeCells[^]*?<\/mergeCells>/, '').replace('</sheetData>', `</sheetData>${cells}`), how: `合并区域：${refs.slice(0, 3).join(',')}` };
      }
      if (kind === 'ods') return { xml: xml.replace(/<table:table-cell /, `<table:table-cell table:number-columns-spanned="${r.pick(['16384', '100000', '-1', '0'])}" table:number-rows-spanned="${r.pick(['1048576', '2', '-5'])}" `), how: '荒谬的合并（ods）' };
      return { xml: xml.replace(/<Cell( |>)/, `<Cell ss:MergeAcross="${r.pick(['16383', '100000', '-1'])}" ss:MergeDown="${r.pick(['1048575', '5', '-2'])}"$1`), how: '荒谬的合并（SpreadsheetML）' };
    case 'lastRow':
      if (kind === 'xlsx') {
        return {
          xml: xml
            .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
            .replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>最后一行</t></is></c></row></sheetData>'),
          how: '第 1,048,576 行有内容',
        };
      }
      if (kind === 'ods') return { xml: xml.replace(/<table:table-row( |>)/, '<table:table-row table:number-rows-repeated="1048576"$1'), how: '一行重复 1,048,576 次（ods）' };
      return { xml: xml.replace(/<Row( |>)/, '<Row ss:Index="1048576"$1').replace(/ss:ExpandedRowCount="\d+"/, 'ss:ExpandedRowCount="1048576"'), how: '第 1,048,576 行（SpreadsheetML）' };
    case 'deep': {
      const n = r.int(1000, 200_000);
      const tag = kind === 'xlsx' ? 'r' : kind === 'ods' ? 'text:span' : 'Font';
      const p = xml.indexOf('>', at);
      const pos = p < 0 ? xml.length : p + 1;
      return { xml: `${xml.slice(0, pos)}${`<${tag}>`.repeat(n)}深${`</${tag}>`.repeat(n)}${xml.slice(pos)}`, how: `嵌套 ${n} 层` };
    }
    case 'dtd': {
      const dtd = r.chance(0.5)
        ? '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        : '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>';
      const decl = /^<\?xml[^>]*\?>/.exec(xml)?.[0] ?? '';
      return { xml: `${decl}${dtd}${xml.slice(decl.length)}`, how: '带 DTD 的 XML' };
    }
    case 'badRef':
      return { xml: xml.replace(/ r="[A-Z]+\d+"/, ` r="${r.pick(['XFE1048577', 'A0', '', '1A', 'AAAAAAAA1', 'A99999999999'])}"`), how: '错误的单元格引用' };
    case 'badNumber':
      return {
        xml: xml.replace(kind === 'xlsx' ? /<v>[^<]*<\/v>/ : kind === 'ods' ? /office:value="[^"]*"/ : /<Data ss:Type="Number">[^<]*</, (s) =>
          s.replace(/[>"][^<"]*[<"]/, (q) => `${q[0]}${r.pick(['NaN', '1e309', '-0', '99999999999999999999999', '0x10', '', '1,2'])}${q.at(-1)}`),
        ),
        how: '错误的数值',
      };
    case 'badIndex':
      return { xml: xml.replace(/<c ([^>]*)t="s"([^>]*)><v>\d+<\/v>/, `<c $1t="s"$2><v>${r.pick(['99999999', '-1', '1.5'])}</v>`), how: '共享字符串序号越界' };
    case 'attr':
      return { xml: xml.replace(/="[^"]*"/, `="${r.pick(['', '-1', '1e9', 'x'.repeat(100_000)])}"`), how: '属性值异常' };
  }
}

function flipBytes(r: Random, buf: Buffer): { bytes: Buffer; how: string } {
  const out = Buffer.from(buf);
  const n = r.int(1, 20);
  for (let i = 0; i < n; i++) out[r.int(0, out.length - 1)] = r.int(0, 255);
  return { bytes: out, how: `改了 ${n} 个字节` };
}

function mutateBytes(r: Random, buf: Buffer): { bytes: Buffer; how: string } {
  switch (r.int(0, 3)) {
    case 0:
      return flipBytes(r, buf);
    case 1: {
      const at = r.int(0, buf.length - 1);
      return { bytes: buf.subarray(0, at), how: `截断到 ${at} 字节` };
    }
    case 2: {
      const at = r.int(0, buf.length);
      const junk = Buffer.alloc(r.int(1, 4096), r.int(0, 255));
      return { bytes: Buffer.concat([buf.subarray(0, at), junk, buf.subarray(at)]), how: `插入 ${junk.length} 字节` };
    }
    default: {
      // The headers of an OLE2 file (and a zip's first entry) sit in the first 512 bytes.
      const out = Buffer.from(buf);
      for (let i = 0; i < 8; i++) out.writeUInt32LE(r.pick([0, 0xffffffff, 0xfffffffe, r.int(0, 2 ** 32 - 1)]), 4 * r.int(0, 127));
      return { bytes: out, how: '文件头字段改为异常值' };
    }
  }
}

function mutateZip(r: Random, buf: Buffer, ods: boolean): { bytes: Buffer; how: string } {
  const entries = unzip(buf);
  const xmlParts = entries.filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'));
  const choice = r.int(0, 9);
  if (choice === 0 && entries.length > 1) {
    const drop = r.pick(entries);
    return { bytes: zip(entries.filter((e) => e !== drop)), how: `删去 ${drop.name}` };
  }
  if (choice === 1) {
    const dup = r.pick(entries);
    return { bytes: zip([...entries, { name: dup.name, data: Buffer.from('<x/>') }]), how: `重复的 ${dup.name}` };
  }
  // Mostly the sheet (or content.xml): that is where the interesting damage lands.
  const sheets = xmlParts.filter((e) => /sheet\d*\.xml$|content\.xml$|sharedStrings\.xml$/.test(e.name));
  const part = r.chance(0.75) && sheets.length > 0 ? r.pick(sheets) : r.pick(xmlParts);
  const { xml, how } = mutateXml(r, part.data.toString('utf8'), ods ? 'ods' : 'xlsx');
  return { bytes: zip(entries.map((e) => (e === part ? { name: e.name, data: Buffer.from(xml, 'utf8') } : e))), how: `${part.name}：${how}` };
}

export function workbookInput(r: Random, seeds: Seeds): FuzzInput {
  const seed = r.pick(seeds.workbooks);
  const isZip = seed.bytes.readUInt32LE(0) === 0x04034b50;
  const isXml = seed.bytes.subarray(0, 5).toString() === '<?xml';
  let m: { bytes: Buffer; how: string };
  if (isZip && r.chance(0.7)) m = mutateZip(r, seed.bytes, seed.name.endsWith('.ods'));
  else if (isXml && r.chance(0.7)) {
    const x = mutateXml(r, seed.bytes.toString('utf8'), 'sml');
    m = { bytes: Buffer.from(x.xml, 'utf8'), how: x.how };
  } else m = mutateBytes(r, seed.bytes);
  // Once in a while, a second mutation on top.
  if (r.chance(0.15)) {
    const again = mutateBytes(r, m.bytes);
    m = { bytes: again.bytes, how: `${m.how}；${again.how}` };
  }
  const format = isZip ? (seed.name.endsWith('.ods') ? 'ods' : 'xlsx') : isXml ? 'SpreadsheetML' : 'OLE2';
  return { target: 'workbook', name: seed.name, recipe: `[${format}] ${seed.name}：${m.how}`, data: m.bytes.toString('base64') };
}

// ---- values: JSON and payloads ---------------------------------------------------------------------------------

function deepValue(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

/** A value of a random type, often one a schema does not expect. */
export function randomValue(r: Random, depth = 0): unknown {
  switch (r.int(0, 13)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 0.5, -0, Number.NaN, Number.POSITIVE_INFINITY]);
    case 2:
      return r.int(1, 60);
    case 3:
      return r.chance(0.5);
    case 4:
    case 5:
    case 6:
      return randomText(r);
    case 7:
      return depth > 3 ? [] : Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth + 1));
    case 8:
      return depth > 3 ? {} : Object.fromEntries(Array.from({ length: r.int(0, 4) }, () => [randomText(r, 2) || 'k', randomValue(r, depth + 1)]));
    case 9:
      return deepValue(r.int(100, 1500));
    case 10:
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') as unknown;
    case 11:
      return 'x'.repeat(r.pick([41, 201, 4097, 100_001, 1_000_000]));
    case 12:
      return undefined;
    default:
      return Array.from({ length: r.pick([0, 51, 1001]) }, (_, i) => i + 1);
  }
}

export interface ZodDef {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; inclusive?: boolean; format?: string } } }[];
}

/** Paths a payload may name: all relative to the worker's folder, at most three levels up (still inside its sandbox). */
const PATHS = ['2023年绩效目标.db', 'data/2023年绩效目标.db', 'data', 'out', 'out/导出.xlsx', 'in/none.xlsx', '../x.db', '../../x', '../../../y.xlsx', '', '.', '..', 'nope/none.db', 'CON', 'a\u0000b', 'a'.repeat(300), 'data/.2023年绩效目标.db.1.tmp', 'data/2023年绩效目标.备份/x.db'];
const PATH_KEYS = new Set(['file', 'out', 'dir', 'to', 'paths', 'sources', 'backup']);

/** A value the schema accepts, mostly (ids are small so they often name rows that exist). */
export function fromSchema(r: Random, def: ZodDef, key: string): unknown {
  const check = (name: string) => def.checks?.map((c) => c._zod.def).find((c) => c.check === name);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape ?? {})) {
        const inner = v._zod.def;
        if (inner.type === 'optional' && r.chance(0.5)) continue;
        out[k] = fromSchema(r, inner, k);
      }
      return out;
    }
    case 'optional':
      return fromSchema(r, (def.innerType as { _zod: { def: ZodDef } })._zod.def, key);
    case 'array': {
      const min = check('min_length')?.minimum ?? 0;
      return Array.from({ length: r.int(min, Math.max(min, 3)) }, () => fromSchema(r, (def.element as { _zod: { def: ZodDef } })._zod.def, key));
    }
    case 'enum':
      return r.pick(Object.values(def.entries ?? {}));
    case 'boolean':
      return r.chance(0.5);
    case 'number': {
      const lo = check('greater_than');
      const hi = check('less_than');
      const min = lo ? (lo.value ?? 0) + (lo.inclusive ? 0 : 1) : 0;
      const max = hi ? (hi.value ?? 0) - (hi.inclusive ? 0 : 1) : min + 60;
      return r.int(min, Math.min(max, min + 60));
    }
    case 'string': {
      if (PATH_KEYS.has(key)) return r.pick(PATHS);
      const max = check('max_length')?.maximum ?? 1000;
      const min = check('min_length')?.minimum ?? 0;
      let s = r.chance(0.3) ? r.pick(['name', 'fiscal', 'goal', 'code', 'annualValue', '名称', '产出指标', '数量指标', '=1+1', 'http://x', 'A']) : randomText(r, 6);
      if (s.length > max) s = s.slice(0, max);
      while (s.length < min) s += 'a';
      return s;
    }
    default:
      return randomValue(r);
  }
}

/** Breaks a payload: a key dropped or added, a value of the wrong type or out of range, the whole thing replaced. */
function breakPayload(r: Random, payload: unknown): { payload: unknown; how: string } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || r.chance(0.1)) {
    return { payload: randomValue(r), how: '整个参数换成任意值' };
  }
  const o = { ...(payload as Record<string, unknown>) };
  const keys = Object.keys(o);
  switch (r.int(0, 3)) {
    case 0:
      if (keys.length > 0) {
        const k = r.pick(keys);
        delete o[k];
        return { payload: o, how: `去掉 ${k}` };
      }
      o.extra = randomValue(r);
      return { payload: o, how: '多一个键 extra' };
    case 1:
      o[r.pick(['extra', '__proto__', 'constructor', 'toString'])] = randomValue(r);
      return { payload: o, how: '多一个键' };
    default: {
      if (keys.length === 0) return { payload: randomValue(r), how: '整个参数换成任意值' };
      const k = r.pick(keys);
      o[k] = randomValue(r);
      return { payload: o, how: `${k} 换成任意值` };
    }
  }
}

export const CHANNELS = Object.keys(API) as Channel[];

export function schemaOf(channel: Channel): ZodDef {
  return (API[channel] as unknown as { _zod: { def: ZodDef } })._zod.def;
}

export function apiInput(r: Random, channel: Channel = r.pick(CHANNELS)): FuzzInput {
  const valid = fromSchema(r, schemaOf(channel), '');
  const broken = r.chance(0.6) ? breakPayload(r, valid) : { payload: valid, how: '按参数格式生成' };
  return { target: 'api', name: channel, channel, recipe: `${channel}：${broken.how}`, data: encodePayload(broken.payload) };
}

// ---- interchange JSON --------------------------------------------------------------------------------------------

function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

export function interchangeInput(r: Random, seeds: Seeds): FuzzInput {
  const seed = r.pick(seeds.interchange);
  if (r.chance(0.25)) {
    // Text-level damage: the JSON itself is broken.
    const t = seed.text;
    const at = r.int(0, t.length);
    const text = r.pick([
      () => t.slice(0, at),
      () => `${t.slice(0, at)}${r.pick(['{', '}', ',', '"', '\\u12', '\u0000', '[', ']'.repeat(1000)])}${t.slice(at)}`,
      () => `${'['.repeat(r.int(1000, 100_000))}${']'.repeat(r.int(0, 10))}`,
      () => `\ufeff${t}`,
      () => t.replace(/"fiscal": "[^"]*"/, `"fiscal": "${randomText(r)}"`),
    ])();
    return { target: 'interchange', name: seed.name, recipe: `${seed.name}：文字层面损坏`, data: text };
  }
  const doc = JSON.parse(seed.text) as unknown;
  const all = paths(doc).filter((p) => p.length > 0);
  const hows: string[] = [];
  for (let i = r.int(1, 3); i > 0; i--) {
    const p = r.pick(all);
    // An earlier mutation may have replaced a node on this path: then there is nothing left to mutate here.
    let parent: unknown = doc;
    for (const k of p.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : undefined;
    const last = p.at(-1) as string | number;
    if (!parent || typeof parent !== 'object') continue;
    const node = parent as Record<string | number, unknown>;
    if (r.chance(0.15)) delete node[last];
    else node[last] = r.chance(0.4) ? randomText(r) : randomValue(r);
    hows.push(p.join('.'));
  }
  return { target: 'interchange', name: seed.name, recipe: `${seed.name}：改了 ${hows.join('、')}`, data: encodePayload(doc) };
}

// ---- parsers -----------------------------------------------------------------------------------------------------

export function parserInput(r: Random, target: Extract<Target, 'money' | 'target' | 'indicatorText'>): FuzzInput {
  const text = target === 'indicatorText' && r.chance(0.5) ? indicatorLike(r) : randomText(r, target === 'indicatorText' ? 40 : 10);
  return { target, name: target, recipe: `${target}：随机文字`, data: text };
}

/** Text shaped like a T1 绩效指标 cell in one of the three styles, with random parts. */
function indicatorLike(r: Random): string {
  const items = Array.from({ length: r.int(1, 6) }, (_, i) => {
    const l1 = r.pick(['产出指标', '效益指标', '满意度指标', '成本指标', randomText(r, 2)]);
    const l2 = r.pick(['数量指标', '质量指标', '社会效益指标', randomText(r, 2)]);
    return r.pick([
      `${i + 1}、${l1}：${randomText(r, 4)}，年度指标值：${randomText(r, 4)}。`,
      `${i + 1}、1-${l1},11-${l2},${randomText(r, 4)};实施周期指标值:${randomText(r, 3)},年度指标值:${randomText(r, 3)};,`,
      `${i + 1}.1-${l1}:11-${l2}:${randomText(r, 4)};实施周期指标值:${randomText(r, 3)}年度指标值:${randomText(r, 3)}。`,
    ]);
  });
  return items.join(r.pick(['', '\n', ' ']));
}

/** One input, of a target chosen by weight (workbooks are slow; parsers and payloads are cheap and many). */
export function nextInput(r: Random, seeds: Seeds, only?: readonly Target[]): FuzzInput {
  const weights: [Target, number][] = [
    ['workbook', 15],
    ['interchange', 15],
    ['api', 35],
    ['money', 10],
    ['target', 10],
    ['indicatorText', 15],
  ];
  const pool = weights.filter(([t]) => !only || only.includes(t));
  let x = r.next() * pool.reduce((n, [, w]) => n + w, 0);
  let target: Target = pool[0]?.[0] ?? 'api';
  for (const [t, w] of pool) {
    if ((x -= w) < 0) {
      target = t;
      break;
    }
  }
  switch (target) {
    case 'workbook':
      return workbookInput(r, seeds);
    case 'interchange':
      return interchangeInput(r, seeds);
    case 'api':
      return apiInput(r);
    default:
      return parserInput(r, target);
  }
}
