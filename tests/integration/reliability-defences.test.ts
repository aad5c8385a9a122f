// Two defences of issue 12 item 5 not proven elsewhere: every channel of the API refuses malformed payloads (made
// from its own schema: wrong types, missing and extra keys, out-of-range numbers, over-long strings and arrays)
// with a Chinese message and without touching the year file; and no text an officer (or a hostile file) wrote
// becomes a formula, a hyperlink or an external reference in any exported workbook.

import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { CHANNELS } from '../../reliability/fuzz/generators.ts';
import { malformedPayloads } from '../../reliability/fuzz/malformed.ts';
import { Sandbox, makeTemplateYear } from '../../reliability/fuzz/targets.ts';
import { unzip } from '../../reliability/fuzz/zip.ts';
import { UserError } from '../../shared/errors.ts';
import { parseInterchange } from '../../shared/interchange.ts';
import { seedPath, sha256, tempDir } from './helpers.ts';

describe('every channel refuses malformed payloads', () => {
  it('each of the channels refuses every payload its schema rejects, with a Chinese message, the year file unchanged', async () => {
    const dir = tempDir();
    const template = path.join(dir, 'template.db');
    makeTemplateYear(template, fs.readFileSync(seedPath('000'), 'utf8'));
    const box = new Sandbox(path.join(dir, 'box'), template);
    const before = sha256(box.yearFile);
    let refused = 0;
    for (const channel of CHANNELS) {
      const payloads = malformedPayloads(channel);
      expect(payloads.length, channel).toBeGreaterThanOrEqual(4);
      for (const p of payloads) {
        const out = await box.guarded((a) => invoke(a, channel, p));
        expect(out.kind, `${channel} ${JSON.stringify(p)?.slice(0, 200)}`).toBe('refused');
        expect(out.bySchema, `${channel}: ${out.message}`).toBe(true);
        refused++;
      }
    }
    expect(sha256(box.yearFile)).toBe(before);
    // The channels are all there (a new channel is covered without a change here), and hundreds of payloads were refused.
    expect(CHANNELS.length).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(CHANNELS.length * 4);
  });

  // Found by the fuzzer (reliability/corpus/api/): each of these was an internal error before.
  it('a path with a NUL byte, or in a folder that does not exist, is refused with a Chinese message, never an internal error', async () => {
    const dir = tempDir();
    const template = path.join(dir, 'template.db');
    makeTemplateYear(template, fs.readFileSync(seedPath('000'), 'utf8'));
    const box = new Sandbox(path.join(dir, 'box'), template);
    const before = sha256(box.yearFile);
    const calls: [string, unknown][] = [
      ['year.rollforward', { to: 'a\u0000b.db' }],
      ['year.export', { template: 'summary', out: path.join(dir, 'a\u0000b.xlsx'), overwrite: true }],
      ['year.import', { sources: ['a\u0000b.xlsx'] }],
      ['app.openYear', { file: 'x/a\u0000b.db' }],
      ['app.setDataDir', { dir: 'a\u0000b' }],
      ['import.addPaths', { paths: ['a\u0000b.xlsx'] }],
      ['export.start', { tables: ['summary'], style: 'A', layout: 'stacked', fontNames: {}, dir: 'a\u0000b' }],
      ['backup.list', { file: 'a\u0000b/c.db' }],
      ['backup.restore', { file: 'nope/none.db', backup: 'x.db' }],
    ];
    for (const [channel, input] of calls) {
      const out = await box.guarded((a) => invoke(a, channel, input));
      expect(out.kind, `${channel}: ${out.message}`).toBe('refused');
      expect(out.message, channel).toMatch(/[\u4e00-\u9fff]/);
    }
    // A year file in a folder that is not there has no backups: an empty list, not an error.
    const listed = await box.guarded(async (a) => expect(await invoke(a, 'backup.list', { file: 'nope/none.db' })).toMatchObject({ backups: [] }));
    expect(listed.kind, listed.message).toBe('accepted');
    expect(sha256(box.yearFile)).toBe(before);
  });

  it('an unknown channel, or one named like a property of every object, is refused', () => {
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      expect(() => invoke({ store: null }, channel, {}), channel).toThrow(UserError);
    }
  });
});

/** Texts that a spreadsheet would run, follow or link if they were written as anything but plain text. */
const HOSTILE = [
  '=1+1',
  '+86 热线全年畅通',
  '-5% 的投诉',
  '@SUM(A1:A2)',
  '=HYPERLINK("http://evil.example/","点我")',
  "=cmd|'/c calc'!A1",
  "@cmd|' /c calc'!A0",
  '=[1]Sheet1!A1',
  "='file:///C:/x.xlsx'#Sheet1!A1",
  '=WEBSERVICE("http://evil.example/")',
  'http://evil.example/a?b=1',
  'https://evil.example/',
  'file:///C:/Windows/System32/calc.exe',
  'mailto:a@evil.example',
  '\\\\server\\share\\x.xlsx',
  '\t=1+1',
];

describe('no user text becomes a formula, a hyperlink or an external reference in an export', () => {
  it('hostile texts in every field of T1, T2 (both layouts) and T3, in every T1 style, come out as plain text', async () => {
    const dir = tempDir();
    const j = JSON.parse(fs.readFileSync(seedPath('000'), 'utf8'));
    const overall = JSON.parse(fs.readFileSync(seedPath('004'), 'utf8')).departments[0].overall;
    j.departments[0].overall = overall;
    let k = 0;
    const next = () => HOSTILE[k++ % HOSTILE.length] as string;
    const dept = j.departments[0];
    dept.name = next();
    for (const u of dept.units) {
      u.name = next();
      for (const p of u.projects) {
        p.name = next();
        p.purpose = next();
        p.goal = next();
        for (const i of p.indicators) {
          i.name = next();
          i.description = next();
          i.annualValue = next();
          i.periodValue = next();
          i.basis = next();
        }
      }
    }
    overall.supervisor = next();
    overall.goal = next();
    for (const t of overall.tasks) {
      t.name = next();
      t.content = next();
      t.expected = next();
    }
    for (const i of overall.indicators) {
      i.name = next();
      i.annualValue = next();
    }
    const file = path.join(dir, 'y.db');
    const store = YearStore.create(file, { fiscalYear: j.fiscalYear, framework: j.framework });
    store.append(parseInterchange(JSON.stringify(j)), '载入');
    const exports: { name: string; input: Record<string, unknown> }[] = [
      ...(['A', 'B', 'C'] as const).map((style) => ({ name: `T1-${style}`, input: { template: 'summary', style } })),
      { name: 'T2-stacked', input: { template: 'project', layout: 'stacked' } },
      { name: 'T2-sheets', input: { template: 'project', layout: 'sheets' } },
      { name: 'T3', input: { template: 'overall' } },
    ];
    try {
      for (const e of exports) {
        const out = path.join(dir, `${e.name}.xlsx`);
        await invoke({ store }, 'year.export', { ...e.input, out });
        const parts = unzip(fs.readFileSync(out));
        const names = parts.map((p) => p.name);
        expect(names.filter((n) => /externalLink|connections|queryTable|vbaProject|oleObject|activeX/i.test(n)), e.name).toEqual([]);
        for (const p of parts) {
          const xml = p.data.toString('utf8');
          expect(xml, `${e.name} ${p.name}`).not.toMatch(/<f[\s>]|<hyperlinks?[\s>]|relationships\/hyperlink|relationships\/externalLink|TargetMode="External"|ddeLink|<externalReference/);
        }
        // Read back: every cell is a value, never a formula or a link, and each hostile text is there as written.
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(out);
        const texts: string[] = [];
        wb.eachSheet((ws) =>
          ws.eachRow((row) =>
            row.eachCell((cell) => {
              expect([ExcelJS.ValueType.Formula, ExcelJS.ValueType.Hyperlink, ExcelJS.ValueType.SharedString], `${e.name} ${ws.name}!${cell.address}`).not.toContain(cell.type);
              if (typeof cell.value === 'string') texts.push(cell.value);
            }),
          ),
        );
        const shown = HOSTILE.filter((h) => texts.some((t) => t.includes(h)));
        expect(shown.length, `${e.name}: ${HOSTILE.filter((h) => !shown.includes(h)).join(' | ')}`).toBeGreaterThanOrEqual(e.name === 'T3' ? 8 : HOSTILE.length);
      }
    } finally {
      store.close();
    }
  });
});
