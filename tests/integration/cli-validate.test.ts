import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/validation.ts';
import { cli, SEEDS, seedPath, tempDir, yearFileWithSeed, type SeedId } from './helpers.ts';
import { readWorkbook, text } from './xlsxRead.ts';

type Listed = Finding & { where: string };

async function findings(file: string): Promise<{ code: number; list: Listed[] }> {
  const r = await cli('validate', file, '--json');
  return { code: r.code, list: JSON.parse(r.stdout) as Listed[] };
}

/** A finding as one line: severity, rule, check and where, without the department and unit every seed shares. */
function pin(f: Listed): string {
  const shared = new Set([f.location.department, f.location.unit]);
  const where = f.where.split(' › ').filter((part) => !shared.has(part));
  return `${f.severity === 'error' ? '错误' : '警告'} ${f.rule} ${f.check} ${where.join(' › ')}`;
}

/** What 审核 reports on each seed, in order: the findings before issue 8, and the new ones that are right. */
const SEED_FINDINGS: Record<SeedId, string[]> = {
  '000': [
    '警告 2 level2-unknown 项目“物业管理费” › 绩效指标',
    '警告 24 satisfaction-not-percent 项目“物业管理费” › 第3条指标（服务满意度指标） › 年度指标值',
    '警告 2 level2-unknown 项目“市人民来访接待厅专项经费” › 绩效指标',
    '警告 2 level2-unknown 项目“机构运行辅助经费” › 绩效指标',
    '错误 4 level1-empty 项目“机构运行辅助经费” › 绩效指标',
    '警告 23 vague-goal 项目“社工服务外包项目” › 绩效目标',
    '警告 2 level2-unknown 项目“社工服务外包项目” › 绩效指标',
    '警告 24 satisfaction-not-percent 项目“社工服务外包项目” › 第3条指标（社工服务对象满意度） › 年度指标值',
    '警告 2 level2-unknown 项目“云客服服务外包项目” › 绩效指标',
    '警告 24 satisfaction-not-percent 项目“云客服服务外包项目” › 第3条指标（云客服专项服务对象满意度和认可度） › 年度指标值',
    '警告 2 level2-unknown 项目“信访工作专项经费” › 绩效指标',
    '错误 4 level1-empty 项目“信访工作专项经费” › 绩效指标',
    '错误 6 unit-missing 项目“信访工作专项经费” › 第1条指标（法律顾问派驻人员） › 年度指标值',
    '警告 2 level2-unknown 项目“党建引领擦亮广州信访品牌” › 绩效指标',
    '错误 4 level1-empty 项目“党建引领擦亮广州信访品牌” › 绩效指标',
    '警告 23 vague-goal 项目“广州市信访局“穗智访”信访信息化体系一期项目” › 绩效目标',
    '警告 2 level2-unknown 项目“广州市信访局“穗智访”信访信息化体系一期项目” › 绩效指标',
    '警告 2 level2-unknown 项目“信访事项群众满意度评价工作经费” › 绩效指标',
    '错误 6 unit-missing 项目“信访事项群众满意度评价工作经费” › 第1条指标（聘请社工服务人员） › 年度指标值',
    '警告 24 satisfaction-not-percent 项目“信访事项群众满意度评价工作经费” › 第2条指标（服务对象满意度） › 年度指标值',
    '警告 2 level2-unknown 项目“广州市信访局2023-2024年信息化运维项目(2023)” › 绩效指标',
    '错误 4 level1-empty 项目“广州市信访局2023-2024年信息化运维项目(2023)” › 绩效指标',
    '错误 6 unit-missing 项目“广州市信访局2023-2024年信息化运维项目(2023)” › 第1条指标（运维人员配备人数） › 年度指标值',
    '警告 2 level2-unknown 项目“广州市信访局2022-2023年度信息系统运行维护项目(2023)” › 绩效指标',
    '错误 4 level1-empty 项目“广州市信访局2022-2023年度信息系统运行维护项目(2023)” › 绩效指标',
    '错误 6 unit-missing 项目“广州市信访局2022-2023年度信息系统运行维护项目(2023)” › 第4条指标（运维人员配备人数） › 年度指标值',
  ],
  '001': [
    '警告 23 vague-goal 项目“信访工作经费” › 绩效目标',
    '错误 2 level2-empty 项目“信访工作经费” › 绩效指标',
    '警告 24 satisfaction-not-percent 项目“信访工作经费” › 第1条指标（信访群众服务对象满意度） › 年度指标值',
    '警告 24 satisfaction-not-percent 项目“聘请法律顾问专项经费” › 第1条指标（法律顾问服务对象满意度） › 年度指标值',
    '警告 23 vague-value 项目“聘请法律顾问专项经费” › 第4条指标（为区信访局开展工作提供法律意见） › 实施周期指标值',
    '错误 4 level1-empty 项目“区级群众信访诉求综合服务中心（信访超市）日常运行经费” › 绩效指标',
    '警告 23 vague-goal 项目“政府雇员工资经费” › 绩效目标',
    '错误 2 level2-empty 项目“政府雇员工资经费” › 绩效指标',
    '错误 2 level2-empty 项目“政府雇员工资经费” › 绩效指标',
    '错误 4 level1-empty 项目“政府雇员工资经费” › 绩效指标',
    '警告 23 vague-value 项目“政府雇员工资经费” › 第2条指标（公共服务能力） › 实施周期指标值',
    '错误 10 value-not-numeric 项目“政府雇员工资经费” › 第3条指标（编外人员工资支付及时性） › 实施周期指标值',
    '警告 23 vague-goal 项目“政府雇员公用经费” › 绩效目标',
    '错误 2 level2-empty 项目“政府雇员公用经费” › 绩效指标',
    '错误 2 level2-empty 项目“政府雇员公用经费” › 绩效指标',
    '错误 2 level2-empty 项目“政府雇员公用经费” › 绩效指标',
    '错误 4 level1-empty 项目“政府雇员公用经费” › 绩效指标',
    '警告 23 vague-value 项目“政府雇员公用经费” › 第2条指标（公共服务能力效率） › 实施周期指标值',
    '错误 2 level2-empty 项目“公务用车购置经费” › 绩效指标',
    '错误 4 level1-empty 项目“公务用车购置经费” › 绩效指标',
  ],
  '002': [],
  '003': [
    '错误 2 level2-empty 项目“办证大厅窗口服务经费” › 绩效指标',
    '错误 3 level1-empty 项目“办证大厅窗口服务经费” › 绩效指标',
    '错误 2 level2-empty 项目“基层服务平台示范点建设经费” › 绩效指标',
    '错误 2 level2-empty 项目“基层服务平台示范点建设经费” › 绩效指标',
    '错误 6 unit-missing 项目“基层服务平台示范点建设经费” › 第1条指标（接受培训人数） › 年度指标值',
    '错误 6 unit-missing 项目“基层服务平台示范点建设经费” › 第1条指标（接受培训人数） › 实施周期指标值',
    '错误 1 name-missing 项目“基层服务平台示范点建设经费” › 第3条指标（无三级指标名称） › 名称',
    '错误 2 level2-empty 项目“新政务中心大楼后勤保障经费” › 绩效指标',
    '错误 2 level2-empty 项目“新政务中心大楼后勤保障经费” › 绩效指标',
    '错误 2 level2-empty 项目“新政务中心大楼后勤保障经费” › 绩效指标',
    '错误 3 level1-empty 项目“新政务中心大楼后勤保障经费” › 绩效指标',
    '警告 23 vague-goal 项目“区政府门户网站和政务新媒体运行经费” › 绩效目标',
    '错误 2 level2-empty 项目“区政府门户网站和政务新媒体运行经费” › 绩效指标',
    '错误 2 level2-empty 项目“区政府门户网站和政务新媒体运行经费” › 绩效指标',
    '错误 4 level1-empty 项目“区政府门户网站和政务新媒体运行经费” › 绩效指标',
    '错误 2 level2-empty 项目“区长专线日常经费” › 绩效指标',
    '错误 2 level2-empty 项目“区长专线日常经费” › 绩效指标',
    '错误 2 level2-empty 项目“区长专线日常经费” › 绩效指标',
    '错误 2 level2-empty 项目“2018年1月-2019年7月广电电子政务光纤租赁” › 绩效指标',
    '错误 2 level2-empty 项目“2018年1月-2019年7月广电电子政务光纤租赁” › 绩效指标',
    '错误 2 level2-empty 项目“花都区政务云机房运营保障经费” › 绩效指标',
    '错误 2 level2-empty 项目“花都区政务云机房运营保障经费” › 绩效指标',
    '错误 3 level1-empty 项目“花都区政务云机房运营保障经费” › 绩效指标',
    '错误 6 unit-missing 项目“花都区政务云机房运营保障经费” › 第2条指标（接入区电子政务外网终端数量） › 年度指标值',
    '错误 6 unit-missing 项目“花都区政务云机房运营保障经费” › 第2条指标（接入区电子政务外网终端数量） › 实施周期指标值',
    '错误 2 level2-empty 项目“政务大楼保安保洁维保经费” › 绩效指标',
    '错误 2 level2-empty 项目“政务大楼保安保洁维保经费” › 绩效指标',
    '警告 24 satisfaction-not-percent 项目“政务大楼保安保洁维保经费” › 第6条指标（人员服务满意度） › 年度指标值',
    '错误 2 level2-empty 项目“花都区国防动员指挥中心建设项目建设” › 绩效指标',
    '错误 2 level2-empty 项目“花都区国防动员指挥中心建设项目建设” › 绩效指标',
    '错误 6 unit-missing 项目“花都区国防动员指挥中心建设项目建设” › 第1条指标（建设系统个数） › 年度指标值',
    '错误 6 unit-missing 项目“花都区国防动员指挥中心建设项目建设” › 第1条指标（建设系统个数） › 实施周期指标值',
    '错误 2 level2-empty 项目“花都区人才管家线上服务平台建设” › 绩效指标',
    '错误 2 level2-empty 项目“花都区人才管家线上服务平台建设” › 绩效指标',
    '错误 6 unit-missing 项目“花都区人才管家线上服务平台建设” › 第1条指标（用户数量） › 年度指标值',
    '错误 6 unit-missing 项目“花都区人才管家线上服务平台建设” › 第1条指标（用户数量） › 实施周期指标值',
    '错误 2 level2-empty 项目“政务大厅便民改造” › 绩效指标',
    '错误 2 level2-empty 项目“政务大厅便民改造” › 绩效指标',
    '错误 3 level1-empty 项目“政务大厅便民改造” › 绩效指标',
    '错误 6 unit-missing 项目“政务大厅便民改造” › 第1条指标（新增设备使用人数） › 年度指标值',
    '错误 6 unit-missing 项目“政务大厅便民改造” › 第1条指标（新增设备使用人数） › 实施周期指标值',
    '错误 6 unit-missing 项目“政务大厅便民改造” › 第2条指标（服务数量） › 年度指标值',
    '错误 6 unit-missing 项目“政务大厅便民改造” › 第2条指标（服务数量） › 实施周期指标值',
    '错误 2 level2-empty 项目“窗口工作人员服装费” › 绩效指标',
    '错误 3 level1-empty 项目“窗口工作人员服装费” › 绩效指标',
    '错误 2 level2-empty 项目“机构运行辅助经费” › 绩效指标',
    '错误 2 level2-empty 项目“机构运行辅助经费” › 绩效指标',
    '错误 3 level1-empty 项目“机构运行辅助经费” › 绩效指标',
    '错误 6 unit-missing 项目“机构运行辅助经费” › 第1条指标（发放额外人员工资人数） › 年度指标值',
    '错误 6 unit-missing 项目“机构运行辅助经费” › 第1条指标（发放额外人员工资人数） › 实施周期指标值',
  ],
  '004': [
    // New: the overall table gets the coverage checks of a project; it has no 时效 under 产出.
    '错误 2 level2-empty 部门整体绩效目标 › 绩效指标',
    '错误 6 unit-missing 部门整体绩效目标 › 第1条指标（政府采购预算个数） › 年度指标值',
    '错误 6 unit-missing 部门整体绩效目标 › 第2条指标（会议次数） › 年度指标值',
    '错误 6 unit-missing 部门整体绩效目标 › 第3条指标（培训次数） › 年度指标值',
    // New: “无” as a target value is a placeholder.
    '错误 9 value-placeholder 部门整体绩效目标 › 第11条指标（无） › 年度指标值',
  ],
};

describe('validate on the seeds', () => {
  for (const id of SEEDS) {
    it(`seed ${id}: exactly the findings it should have, in table order`, async () => {
      const { code, list } = await findings(await yearFileWithSeed(id));
      expect(list.map(pin)).toEqual(SEED_FINDINGS[id]);
      expect(code).toBe(list.some((f) => f.severity === 'error') ? 1 : 0);
    });
  }

  it('seed 000: 机构运行辅助经费 is missing a 满意度指标 (error, exit 1)', async () => {
    const file = await yearFileWithSeed('000');
    const { code, list } = await findings(file);
    expect(code).toBe(1);
    const f = list.find((x) => x.rule === 4 && x.location.project === '机构运行辅助经费');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('满意度指标');
    // The human form says the same, with the project named.
    const text = (await cli('validate', file)).stdout;
    expect(text).toMatch(/项目“机构运行辅助经费”\n(?: {2}.*\n)*? {2}错误［规则4］.*缺少满意度指标/);
  });

  it('seed 003: the indicator with no 三级 name in 基层服务平台示范点建设经费', async () => {
    const { list } = await findings(await yearFileWithSeed('003'));
    const f = list.filter((x) => x.check === 'name-missing');
    expect(f).toHaveLength(1);
    expect(f[0]?.location).toMatchObject({ project: '基层服务平台示范点建设经费', indicatorIndex: 2, field: 'name' });
    expect(f[0]?.where).toContain('第3条指标');
  });

  it('seed 004: the overall table’s missing 时效 is located at its indicators', async () => {
    const { list } = await findings(await yearFileWithSeed('004'));
    const f = list.find((x) => x.check === 'level2-empty');
    expect(f?.location).toEqual({ department: '湛江市信访局', departmentIndex: 0, overall: true, field: 'indicators' });
    expect(f?.message).toContain('产出指标 › 时效指标');
  });

  for (const id of SEEDS) {
    it(`seed ${id}: no wrong sums (they add up)`, async () => {
      const { list } = await findings(await yearFileWithSeed(id));
      expect(list.filter((x) => [14, 15, 16].includes(x.rule))).toEqual([]);
    });
  }

  it('seed 002 (青岛, framework B) passes with exit 0', async () => {
    const file = await yearFileWithSeed('002');
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('审核通过');
  });
});

describe('loading the same data twice', () => {
  for (const [id, projects] of [
    ['000', 11],
    ['002', 3],
  ] as const) {
    it(`seed ${id} loaded twice: one error at the second department naming the first; undo clears it`, async () => {
      const file = await yearFileWithSeed(id);
      expect((await cli('load', file, seedPath(id))).code).toBe(0);
      const { code, list } = await findings(file);
      expect(code).toBe(1);
      const dups = list.filter((f) => f.check === 'duplicate');
      expect(dups).toHaveLength(1);
      expect(dups[0]).toMatchObject({ rule: 1, severity: 'error', location: { departmentIndex: 1, field: 'name' } });
      expect(dups[0]!.message).toContain('第1个部门');
      expect(dups[0]!.message).toContain(`${projects} 个项目中有 ${projects} 个`);
      // The human form names it too.
      expect((await cli('validate', file)).stdout).toContain('错误［规则1］名称：部门');

      expect((await cli('undo', file)).code).toBe(0);
      expect((await findings(file)).list.map(pin)).toEqual(SEED_FINDINGS[id]);
    });
  }
});

describe('indicators without 二级 in a year of grammar C (issue 7 item 3)', () => {
  it('are warned about, and the export prints exactly what the warning quotes', async () => {
    const dir = tempDir();
    const data = JSON.parse(fs.readFileSync(seedPath('003'), 'utf8')) as {
      summaryStyle: string;
      departments: { units: { projects: { indicators: { level2: string }[] }[] }[] }[];
    };
    expect(data.summaryStyle).toBe('C');
    data.departments[0]!.units[0]!.projects[0]!.indicators[1]!.level2 = '';
    const json = path.join(dir, 'blank-level2.json');
    fs.writeFileSync(json, JSON.stringify(data));
    const file = path.join(dir, 'year.db');
    expect((await cli('new', file, '--year', '2023', '--framework', 'A')).code).toBe(0);
    expect((await cli('load', file, json)).code).toBe(0);

    const warned = (await findings(file)).list.filter((f) => f.check === 'level2-blank-in-summary');
    expect(warned.map((f) => f.location)).toEqual([
      expect.objectContaining({ projectIndex: 0, indicatorIndex: 1, indicatorName: '工作人数', field: 'level2' }),
    ]);
    const quoted = warned[0]!.message.match(/印成“(.+?)”/)?.[1];
    expect(quoted).toBe('1-产出指标::工作人数');

    const out = path.join(dir, 'summary.xlsx');
    expect((await cli('export', file, '--template', 'summary', '--out', out)).code).toBe(0);
    const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
    const cells: string[] = [];
    ws.eachRow((row, r) => row.eachCell((_, c) => cells.push(text(ws, [r, c]))));
    expect(cells.some((t) => t.includes(`.${quoted};`))).toBe(true);
  });
});
