// The xlsx reader of import (electron/core/xlsx/xlsxRead.ts) on workbooks written as other programs write them —
// WPS, the 一体化 system's exporters, .NET and Java libraries — not only as exceljs does: namespace prefixes, cells
// without references, inline strings, phonetic guides, `_x000D_` escapes, formulas with and without a saved result,
// dates by number format, absolute part paths and chart sheets. And on the seeds' messy fixtures, the grid exceljs'
// own document model reads from the same files (what import used before), cell for cell.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxFile } from '../../electron/core/xlsx/readWorkbook.ts';
import type { SheetData } from '../../shared/import/sheetGrid.ts';
import { zip, zipEntry } from '../../electron/core/xlsx/zipWrite.ts';
import { t1Messy, t2Messy, t3Messy } from '../fixtures/import/makeFixtures.ts';
import { tempDir } from './helpers.ts';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const zipOf = (parts: Record<string, string>) => zip(Object.entries(parts).map(([name, xml]) => zipEntry(name, Buffer.from(xml, 'utf8'))));

function workbook(sheetXml: string, extra: Record<string, string> = {}): string {
  const file = path.join(tempDir(), '外部程序导出.xlsx');
  fs.writeFileSync(
    file,
    zipOf({
      '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<x:workbook xmlns:x="${NS}" xmlns:r="${REL}"><x:sheets><x:sheet name="图表" sheetId="2" r:id="rC"/><x:sheet name="绩效目标表" sheetId="1" r:id="rS"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rS" Type="${REL}/worksheet" Target="/xl/worksheets/data.xml"/>
        <Relationship Id="rC" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>
        <Relationship Id="rT" Type="${REL}/sharedStrings" Target="strings.xml"/>
        <Relationship Id="rY" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      'xl/strings.xml': `<sst xmlns="${NS}"><si><t>物业管理费</t></si><si><r><t>1、产出指标：</t></r><r><rPr><b/></rPr><t xml:space="preserve">数量指标</t></r><rPh sb="0" eb="2"><t>ブツギョウ</t></rPh></si><si><t>第一行_x000D_
第二行</t></si></sst>`,
      'xl/styles.xml': `<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
        <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="180"/><xf numFmtId="0"><alignment indent="2"/></xf><xf numFmtId="4"/></cellXfs></styleSheet>`,
      'xl/chartsheets/sheet1.xml': `<chartsheet xmlns="${NS}"/>`,
      'xl/worksheets/data.xml': sheetXml,
      ...extra,
    }),
  );
  return file;
}

describe('xlsx written by other programs', () => {
  it('reads every kind of value as Excel shows it', async () => {
    const file = workbook(`<x:worksheet xmlns:x="${NS}"><x:sheetData>
      <x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>720</x:t></x:r><x:r><x:t>.00</x:t></x:r></x:is></x:c><x:c s="4"><x:v>1107.43</x:v></x:c></x:row>
      <x:row><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="D2" t="s"><x:v>2</x:v></x:c></x:row>
      <x:row r="4"><x:c r="A4" s="1"><x:v>45016</x:v></x:c><x:c r="B4" s="2"><x:v>45016</x:v></x:c><x:c r="C4" t="b"><x:v>1</x:v></x:c><x:c r="D4" t="e"><x:v>#N/A</x:v></x:c></x:row>
      <x:row r="5"><x:c r="A5"><x:f>SUM(A1:A3)</x:f><x:v>89</x:v></x:c><x:c r="B5" t="str"><x:f>A1&amp;"费"</x:f><x:v>物业费</x:v></x:c><x:c r="C5"><x:f>SUM(C1:C3)</x:f></x:c><x:c r="D5" s="3" t="s"><x:v>0</x:v></x:c></x:row>
      <x:row r="6"><x:c r="A6" t="s"><x:v>0</x:v></x:c><x:c r="B6" t="inlineStr"><x:is><x:t>合并后被覆盖</x:t></x:is></x:c></x:row>
    </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A6:C7"/></x:mergeCells></x:worksheet>`);
    const sheets = await readXlsxFile(file);
    expect(sheets.map((s) => s.name)).toEqual(['绩效目标表']);
    const grid: SheetData = sheets[0]!;
    expect(grid.cells).toEqual([
      { r: 1, c: 1, v: '物业管理费' },
      { r: 1, c: 2, v: '720.00' },
      { r: 1, c: 3, v: 1107.43 },
      { r: 2, c: 2, v: '1、产出指标：数量指标' },
      { r: 2, c: 4, v: '第一行\r\n第二行' },
      { r: 4, c: 1, v: '2023-03-31' },
      { r: 4, c: 2, v: '2023-03-31' },
      { r: 4, c: 3, v: 'TRUE' },
      { r: 5, c: 1, v: 89 },
      { r: 5, c: 2, v: '物业费' },
      { r: 5, c: 4, v: '物业管理费', indent: 2 },
      { r: 6, c: 1, v: '物业管理费' },
    ]);
    expect(grid.merges).toEqual([{ top: 6, left: 1, bottom: 7, right: 3 }]);
  });

  it('one stray cell far from the table (XFD1048576) is named and refused at once, not walked cell by cell', async () => {
    const file = workbook(`<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`);
    await expect(readXlsxFile(file)).rejects.toThrow(/延伸到第 1048576 行、第 16384 列（例如 XFD1048576）.*请删除 XFD1048576/);
  });

  it('a sheet part that is cut short is named, and nothing is read', async () => {
    const file = workbook(`<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>`);
    await expect(readXlsxFile(file)).rejects.toThrow(/已损坏或不完整（内部文件 xl\/worksheets\/data\.xml 不是完整的 XML/);
  });

  it('a workbook naming a sheet part it does not hold is refused as damaged', async () => {
    const file = path.join(tempDir(), '缺工作表.xlsx');
    fs.writeFileSync(
      file,
      zipOf({
        'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      }),
    );
    await expect(readXlsxFile(file)).rejects.toThrow('找不到工作表“表1”的内容');
  });

  it('two sheets naming the same part both read it (a read part is let go only after its last sheet)', async () => {
    const file = path.join(tempDir(), '同一部分.xlsx');
    const rel = (id: string) => `<Relationship Id="${id}" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`;
    fs.writeFileSync(
      file,
      zipOf({
        'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/><sheet name="表2" sheetId="2" r:id="rId2"/><sheet name="表3" sheetId="3" r:id="rId3"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1')}${rel('rId2')}<Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/sheet3.xml"/></Relationships>`,
        'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row></sheetData></worksheet>`,
        'xl/worksheets/sheet3.xml': `<worksheet xmlns="${NS}"><sheetData><row r="2"><c r="B2"><v>7</v></c></row></sheetData></worksheet>`,
      }),
    );
    const sheets = await readXlsxFile(file);
    expect(sheets.map((s) => [s.name, s.cells])).toEqual([
      ['表1', [{ r: 1, c: 1, v: '项目名称' }]],
      ['表2', [{ r: 1, c: 1, v: '项目名称' }]],
      ['表3', [{ r: 2, c: 2, v: 7 }]],
    ]);
  });
});

/** The grid as exceljs' document model reads the file: what import read before it had its own xlsx reader. */
async function exceljsGrid(file: string): Promise<{ name: string; cells: SheetData['cells']; merges: SheetData['merges'] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const cells: SheetData['cells'] = [];
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        let v: unknown = cell.value;
        if (v && typeof v === 'object' && 'richText' in v) v = (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
        else if (v && typeof v === 'object' && 'result' in v) v = v.result;
        else if (v instanceof Date) v = v.toISOString().slice(0, 10);
        else if (typeof v === 'boolean') v = v ? 'TRUE' : 'FALSE';
        if (v === null || v === undefined || v === '' || typeof v === 'object') return;
        const indent = cell.alignment?.indent;
        cells.push({ r, c, v: v as string | number, ...(indent ? { indent } : {}) });
      }),
    );
    const merges = ws.model.merges.map((ref) => {
      const [a, b] = ref.split(':').map((x) => ws.getCell(x!));
      return { top: Number(a!.row), left: Number(a!.col), bottom: Number(b!.row), right: Number(b!.col) };
    });
    return { name: ws.name, cells, merges };
  });
}

describe('the seeds as officers’ messy xlsx files', () => {
  it('read to the same grid exceljs reads from them, cell for cell', async () => {
    const dir = tempDir();
    const files = [await t1Messy(dir, '000'), await t1Messy(dir, '001'), await t1Messy(dir, '003'), await t2Messy(dir), await t3Messy(dir)];
    for (const file of files) {
      const ours = await readXlsxFile(file);
      const theirs = await exceljsGrid(file);
      const covered = (s: (typeof theirs)[number], r: number, c: number) =>
        s.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
      expect(ours.map((s) => s.name), path.basename(file)).toEqual(theirs.map((s) => s.name));
      for (const [i, s] of theirs.entries()) {
        const byCell = (a: { r: number; c: number }, b: { r: number; c: number }) => a.r - b.r || a.c - b.c;
        const byMerge = (a: { top: number; left: number }, b: { top: number; left: number }) => a.top - b.top || a.left - b.left;
        expect([...ours[i]!.cells].sort(byCell), `${path.basename(file)} › ${s.name}`).toEqual(s.cells.filter((c) => !covered(s, c.r, c.c)).sort(byCell));
        expect([...ours[i]!.merges].sort(byMerge)).toEqual([...s.merges].sort(byMerge));
      }
    }
  });
});
