// Home and the data folder, through the handler map as the app calls it: new years, the sample year, recent files,
// and which files a page may name (Electron's page names none by path).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import { AppSession } from '../../electron/core/app/session.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { sumRows } from '../../shared/views.ts';
import { tempDir } from './helpers.ts';

function session(pathsFromPage: boolean) {
  const root = tempDir();
  const s = new AppSession({ configDir: path.join(root, 'config'), defaultDataDir: path.join(root, '文档', '绩效目标表') }, { pathsFromPage });
  return { s, root, dataDir: path.join(root, '文档', '绩效目标表') };
}

describe('home', () => {
  it('a new year is made in the data folder, opened, listed with its facts and remembered as recent', () => {
    const { s, dataDir } = session(true);
    expect(invoke(s, 'app.home', {})).toMatchObject({ dataDir, years: [], recent: [], open: null });
    const facts = invoke(s, 'app.newYear', { fiscalYear: 2025, framework: 'B' });
    expect(facts).toMatchObject({ fiscalYear: 2025, framework: 'B', path: path.join(dataDir, '2025年绩效目标.db') });
    const home = invoke(s, 'app.home', {});
    expect(home.years).toEqual([expect.objectContaining({ name: '2025年绩效目标.db', fiscalYear: 2025, framework: 'B', projects: 0 })]);
    expect(home.recent.map((r) => r.path)).toEqual([facts.path]);
    expect(home.open?.fiscalYear).toBe(2025);
    expect(() => invoke(s, 'app.newYear', { fiscalYear: 2025, framework: 'A' })).toThrow('已有 2025 年度的文件');
    s.closeYear();
  });

  it('the sample year holds the seed tables: three summary tables and one department table', () => {
    const { s } = session(false);
    const facts = invoke(s, 'app.openSample', {});
    expect(facts.fiscalYear).toBe(2023);
    const v = invoke(s, 'view.summary', {});
    expect(v.departments.map((d) => d.name)).toEqual(['广州市信访局', '广州市白云区信访局(部门)', '广州市花都区政务服务和数据管理局', '湛江市信访局']);
    expect(v.projects).toHaveLength(11 + 6 + 13);
    expect(sumRows(v.projects).total).toBe(110743 + 23498 + 261661);
    expect(v.departments[3]?.hasOverall).toBe(true);
    // Opening it again opens the same file, with the officer's changes, instead of building a new one.
    invoke(s, 'edit.cells', { changes: [{ entity: 'project', id: v.projects[0]!.id, field: 'name', value: '改过的名称' }] });
    invoke(s, 'app.openSample', {});
    expect(invoke(s, 'view.summary', {}).projects[0]?.name).toBe('改过的名称');
    s.closeYear();
  });

  it('the sample data shipped with the app are the seed fixtures, unchanged', () => {
    for (const id of ['000', '001', '003', '004']) {
      const shipped = fs.readFileSync(path.resolve(import.meta.dirname, `../../electron/core/app/sample/seed-${id}.json`));
      expect(shipped.equals(fs.readFileSync(path.resolve(import.meta.dirname, `../fixtures/seeds/seed-${id}.json`))), id).toBe(true);
    }
  });

  it('files that are not year files are listed with the reason, not hidden and not fatal', () => {
    const { s, dataDir } = session(true);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, '坏文件.db'), 'not a database');
    YearStore.create(path.join(dataDir, '2024年绩效目标.db'), { fiscalYear: 2024, framework: 'A' }).close();
    const years = invoke(s, 'app.home', {}).years;
    expect(years.map((y) => y.name)).toEqual(['2024年绩效目标.db', '坏文件.db']);
    expect(years[1]?.problem).toContain('不是绩效目标年度文件');
  });

  it('without a year file, the year channels say so in Chinese', () => {
    const { s } = session(true);
    expect(() => invoke(s, 'view.summary', {})).toThrow('还没有打开年度文件');
  });
});

describe('which files the page may name', () => {
  it('browser mode: any path the officer types', () => {
    const { s, root } = session(true);
    const elsewhere = path.join(root, '别处', '2022.db');
    fs.mkdirSync(path.dirname(elsewhere));
    YearStore.create(elsewhere, { fiscalYear: 2022, framework: 'A' }).close();
    expect(invoke(s, 'app.openYear', { file: elsewhere }).fiscalYear).toBe(2022);
    s.closeYear();
  });

  it('Electron: names in the data folder and recent files only; other paths come from the system dialog', () => {
    const { s, root, dataDir } = session(false);
    invoke(s, 'app.newYear', { fiscalYear: 2025, framework: 'A' });
    s.closeYear();
    expect(invoke(s, 'app.openYear', { file: '2025年绩效目标.db' }).fiscalYear).toBe(2025);
    const elsewhere = path.join(root, '别处.db');
    YearStore.create(elsewhere, { fiscalYear: 2022, framework: 'A' }).close();
    expect(() => invoke(s, 'app.openYear', { file: elsewhere })).toThrow('只能打开数据文件夹中的年度文件或最近打开过的文件');
    expect(() => invoke(s, 'app.openYear', { file: `${dataDir}/../../别处.db` })).toThrow('只能打开');
    expect(() => invoke(s, 'app.setDataDir', { dir: root })).toThrow('系统对话框');
    // Once opened through the dialog (the shell calls open with the chosen path), it is a recent file.
    s.open(elsewhere);
    s.closeYear();
    expect(invoke(s, 'app.openYear', { file: elsewhere }).fiscalYear).toBe(2022);
    s.closeYear();
  });
});
