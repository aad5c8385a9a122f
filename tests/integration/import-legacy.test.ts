// Import of the legacy formats officers hold: the 一体化 system's SpreadsheetML 2003 exports (named .xls or .xml),
// binary Excel 97-2003 .xls and WPS .et, and .ods. Each imports to exactly the seeds' data through the same template
// recognition as xlsx; each hostile or broken legacy file gets one clear message, exit 2, and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { readXlsxFile } from '../../electron/core/xlsx/readWorkbook.ts';
import * as fx from '../fixtures/import/makeFixtures.ts';
import * as sm from '../fixtures/legacy/spreadsheetML.ts';
import { VALUE_KINDS_SHEET, valueKindsSpreadsheetML, valueKindsXlsx } from '../fixtures/legacy/valueKinds.ts';
import { cli, ROOT, seedPath, type SeedId, tempDir } from './helpers.ts';
import { expectImportRefused } from './importRefusal.ts';

const LEGACY = path.join(ROOT, 'tests/fixtures/legacy');
const seedText = (id: SeedId) => fs.readFileSync(seedPath(id), 'utf8');

/** A committed binary fixture, copied into `dir` under `name` (the tests may name it as officers do). */
function committed(dir: string, fixture: string, name = fixture): string {
  const file = path.join(dir, name);
  fs.copyFileSync(path.join(LEGACY, fixture), file);
  return file;
}

/** A compound file holding only a WPS extension stream, no workbook stream, written with SheetJS's CFB writer. */
function compoundWithoutWorkbook(dir: string, name: string): string {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, 'ETExtData', Buffer.from('WPS extension data'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, XLSX.CFB.write(cfb, { type: 'buffer' }));
  return file;
}

async function importedDump(source: string, year: number, ...extra: string[]): Promise<{ dump: string; stdout: string }> {
  const file = path.join(path.dirname(source), `imported-${path.basename(source)}.db`);
  const r = await cli('import', file, source, '--year', String(year), ...extra);
  expect(r.code, r.stderr).toBe(0);
  return { dump: (await cli('dump', file)).stdout, stdout: r.stdout };
}

describe('SpreadsheetML 2003 exports of the 一体化 system import to exactly the seeds', () => {
  it('T1 of seed 000 (.xls, values as String, names indented by style, Print_Titles, empty extra sheets)', async () => {
    const { dump, stdout } = await importedDump(sm.t1SpreadsheetML(tempDir(), '000'), 2023);
    expect(stdout).toContain('项目支出绩效目标表：项目支出绩效目标表，11 个项目，33 条指标');
    expect(stdout).toContain('Sheet2：未识别，已跳过');
    expect(dump).toBe(seedText('000'));
  });

  it('T1 of seed 001 (.xml, every element ss:-prefixed)', async () => {
    const { dump } = await importedDump(sm.t1SpreadsheetML(tempDir(), '001', { ext: '.xml', prefixed: true }), 2023);
    expect(dump).toBe(seedText('001'));
  });

  it('T1 of seed 003 (GBK-encoded, as older servers write it)', async () => {
    const src = sm.t1SpreadsheetML(tempDir(), '003', { encoding: 'gbk' });
    expect(fs.readFileSync(src).includes(Buffer.from('项目支出', 'utf8'))).toBe(false);
    const { dump } = await importedDump(src, 2023);
    expect(dump).toBe(seedText('003'));
  });

  it('T2 of seed 002 (stacked blocks, MergeDown 一级/二级 with ss:Index jumps, rich-text labels, &#10;)', async () => {
    const { dump, stdout } = await importedDump(sm.t2SpreadsheetML(tempDir()), 2023, '--department', '青岛市信访局');
    expect(stdout).toContain('项目绩效目标表：项目绩效目标表，3 个项目，26 条指标');
    expect(dump).toBe(seedText('002'));
  });

  it('is recognised by its content whatever the name: the T2 export renamed .xlsx', async () => {
    const dir = tempDir();
    const renamed = path.join(dir, '项目绩效目标表.xlsx');
    fs.renameSync(sm.t2SpreadsheetML(dir, { prefixed: true }), renamed);
    const { dump } = await importedDump(renamed, 2023, '--department', '青岛市信访局');
    expect(dump).toBe(seedText('002'));
  });

  it('warnings name the sheet and cell where ss:Index placed the value', async () => {
    const dir = tempDir();
    const src = sm.t1SpreadsheetML(dir, '000');
    const second = (JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/seeds/t1-cells-000.json'), 'utf8')) as { text: string }[])[1];
    const xml = fs.readFileSync(src, 'utf8');
    expect(xml).toContain(`>${second?.text}<`);
    fs.writeFileSync(src, xml.replace(`>${second?.text}<`, '>劳务派遣人员4人，流失率低<'));
    const r = await cli('import', path.join(dir, 'y.db'), src, '--year', '2023', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual(
      expect.arrayContaining([{ where: '项目支出绩效目标表!G7', message: expect.stringContaining('无法识别绩效指标文字的格式') }]),
    );
  });
});

describe('binary Excel 97-2003, WPS .et and OpenDocument import to exactly the seeds', () => {
  it('T1 of seed 000 saved as .xls (BIFF8)', async () => {
    const { dump } = await importedDump(committed(tempDir(), 'T1-000.xls', '2023年项目支出绩效目标表.xls'), 2023);
    expect(dump).toBe(seedText('000'));
  });

  it('the same workbook named .et, as WPS saves it', async () => {
    const { dump } = await importedDump(committed(tempDir(), 'T1-000.xls', '绩效目标表.et'), 2023);
    expect(dump).toBe(seedText('000'));
  });

  it('the same workbook named .xlsx (the extension lies)', async () => {
    const { dump } = await importedDump(committed(tempDir(), 'T1-000.xls', '绩效目标表.xlsx'), 2023);
    expect(dump).toBe(seedText('000'));
  });

  it('T2 of seed 002 saved as .xls (vertical merges as BIFF MERGEDCELLS)', async () => {
    const { dump } = await importedDump(committed(tempDir(), 'T2-002.xls'), 2023, '--department', '青岛市信访局');
    expect(dump).toBe(seedText('002'));
  });

  it('T3 of seed 004 saved as .ods', async () => {
    const { dump } = await importedDump(committed(tempDir(), 'T3-004.ods', '部门整体预算绩效目标表.ods'), 2021);
    // Import takes out the <p>…</p> the source system left around seed 004's texts (issue 8 item 5).
    expect(dump).toBe(seedText('004').replace(/<\/?p>/g, ''));
  });

  it('several formats at once, as one undo step', async () => {
    const dir = tempDir();
    const target = path.join(dir, '2023.db');
    expect((await cli('new', target, '--year', '2023')).code).toBe(0);
    const xls = committed(dir, 'T1-000.xls');
    const xml = sm.t1SpreadsheetML(dir, '003', { ext: '.xml' });
    const r = await cli('import', target, xls, xml);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已导入：2 个部门，24 个项目，96 条指标');
    const undo = await cli('undo', target);
    expect(undo.stderr).toContain(`已撤销：导入 ${path.basename(xls)}、${path.basename(xml)}`);
  });
});

describe('every reader gives the grid the xlsx reader gives', () => {
  // values.xls and values.ods are values.xlsx saved by LibreOffice (tests/fixtures/legacy/make-binaries.ts).
  const reference = async () => (await readXlsxFile(await valueKindsXlsx(tempDir()))).find((s) => s.name === VALUE_KINDS_SHEET);

  it('SpreadsheetML: text with &#10;, numbers, String amounts, DateTime, Boolean, formula results; no error values, no comments, no values under a merge', async () => {
    const xml = await readXlsxFile(valueKindsSpreadsheetML(tempDir()));
    expect(xml).toEqual([await reference()]);
  });

  it('binary .xls', async () => {
    expect(await readXlsxFile(committed(tempDir(), 'values.xls'))).toEqual([await reference()]);
  });

  it('.ods, where LibreOffice keeps TRUE as the formula =TRUE() with the value 1', async () => {
    const ref = await reference();
    if (!ref) throw new Error('no reference sheet');
    const ods = await readXlsxFile(committed(tempDir(), 'values.ods'));
    const isTrueCell = (c: { r: number; c: number }) => c.r === 5 && c.c === 1;
    expect(ods).toEqual([{ ...ref, cells: ref.cells.map((c) => (isTrueCell(c) ? { ...c, v: 1 } : c)) }]);
  });
});

describe('hostile and broken legacy files: one clear message, exit 2, the year file unchanged', () => {
  const cases: [string, (dir: string) => string | Promise<string>, string | RegExp][] = [
    ['XML with entity expansion ("billion laughs")', sm.billionLaughs, '含有 XML 文档类型声明（<!DOCTYPE>/<!ENTITY>）'],
    ['XML with an external entity', sm.externalEntity, '含有 XML 文档类型声明'],
    ['truncated SpreadsheetML', sm.truncatedSpreadsheetML, /不完整：XML 在第 \d+ 行处中断.*可能在下载或复制时被截断/],
    ['SpreadsheetML with an unescaped &', sm.unescapedSpreadsheetML, /不是格式正确的 XML 表格：第 \d+ 行第 \d+ 列有未转义的“&”/],
    [
      'SpreadsheetML with a tag closed wrongly',
      (dir) => {
        const file = path.join(dir, '错位.xls');
        fs.writeFileSync(file, fs.readFileSync(sm.t2SpreadsheetML(path.join(dir, 'full')), 'utf8').replace('</Row>', '</Cell>'));
        return file;
      },
      /不是格式正确的 XML 表格（第 \d+ 行第 \d+ 列：/,
    ],
    ['a Word 2003 XML document named .xls', sm.wordXml, '是 Word 2003 XML 文档，不是表格'],
    ['a Word .doc renamed .xls', (dir) => committed(dir, 'report.doc', '绩效目标表.xls'), '是 Word 文档（.doc），不是表格'],
    ['a Word .doc renamed .et', (dir) => committed(dir, 'report.doc', '绩效目标表.et'), '是 Word 文档（.doc），不是表格'],
    ['a .et without a workbook stream', (dir) => compoundWithoutWorkbook(dir, '绩效目标表.et'), '是 WPS 表格（.et）文件，但其中没有本程序能读取的工作簿数据'],
    ['a compound file without a workbook stream named .xls', (dir) => compoundWithoutWorkbook(dir, '绩效目标表.xls'), '是 Office 复合文件，但其中没有 Excel 工作簿数据'],
    ['a password-protected .xls', (dir) => committed(dir, 'T1-000-password.xls'), '设有打开密码，无法读取。请先在 Excel/WPS 中取消密码'],
    ['a password-protected .xlsx', fx.badPassword, '设有打开密码，无法读取。请先在 Excel/WPS 中取消密码'],
    [
      'a truncated .xls',
      (dir) => {
        const file = committed(dir, 'T1-000.xls', '截断.xls');
        fs.truncateSync(file, fs.statSync(file).size / 2);
        return file;
      },
      /已损坏或不完整（.*），可能在下载或复制时被截断/,
    ],
    ['a workbook stream without any sheet', fx.badXls, '已损坏或不完整（工作簿中找不到任何工作表）'],
    [
      'an HTML table named .xls',
      (dir) => {
        const file = path.join(dir, '导出.xls');
        fs.writeFileSync(file, '<html><body><table><tr><td>项目名称</td></tr></table></body></html>');
        return file;
      },
      '是网页（HTML）格式的表格',
    ],
    [
      'a merge covering the whole sheet',
      (dir) => sm.tinySpreadsheetML(dir, '合并.xml', '<Row><Cell ss:MergeAcross="16383" ss:MergeDown="1048575"><Data ss:Type="String">项目名称</Data></Cell></Row>'),
      /的合并单元格共覆盖超过 \d+ 个单元格，不像是正常的绩效目标表/,
    ],
    [
      'a cell placed beyond the last column',
      (dir) => sm.tinySpreadsheetML(dir, '越界.xml', '<Row ss:Index="3"><Cell ss:Index="20000"><Data ss:Type="String">项目名称</Data></Cell></Row>'),
      '的工作表“Sheet1”在第 3 行第 20000 列有内容或合并单元格，超出了 Excel 表格的范围',
    ],
    [
      'a file over the size limit',
      (dir) => {
        // Sparse: the size is checked before any byte is read.
        const file = path.join(dir, '巨大.xls');
        fs.writeFileSync(file, '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">');
        fs.truncateSync(file, 300 * 2 ** 20);
        return file;
      },
      '有 300 MB，超过可导入的上限 256 MB',
    ],
  ];
  for (const [label, make, message] of cases) {
    it(label, async () => {
      expect(await expectImportRefused(make, message)).not.toContain('像是 CSV');
    });
  }
});

describe('time limit and cancel: a parse that runs too long is stopped', () => {
  const formats: [string, (dir: string) => string][] = [
    ['SpreadsheetML', (dir) => sm.t2SpreadsheetML(dir)],
    ['.xls', (dir) => committed(dir, 'T1-000.xls')],
    ['.ods', (dir) => committed(dir, 'T3-004.ods')],
  ];
  for (const [label, make] of formats) {
    it(`${label}: over the time limit`, async () => {
      const src = make(tempDir());
      await expect(readXlsxFile(src, { timeoutMs: 1 })).rejects.toThrow(`读取“${path.basename(src)}”超过 0.001 秒仍未完成，已停止`);
      // The same file within the limit reads.
      expect((await readXlsxFile(src)).length).toBeGreaterThan(0);
    });

    it(`${label}: cancelled`, async () => {
      const src = make(tempDir());
      const abort = new AbortController();
      const reading = readXlsxFile(src, { signal: abort.signal });
      abort.abort();
      await expect(reading).rejects.toThrow(`已取消读取“${path.basename(src)}”`);
    });
  }

  it('the size limit applies to xlsx too', async () => {
    const src = await fx.t3Messy(tempDir());
    await expect(readXlsxFile(src, { maxFileBytes: 1024 })).rejects.toThrow(/有 \d+ KB，超过可导入的上限 1 KB/);
  });
});
