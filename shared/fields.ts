// What an officer can edit, field by field: the entities of a year, each field's Chinese label and the kind of
// value it holds. The core parses every typed value by its kind (so a paste from Excel and a keystroke are judged
// the same way), and the screens use the labels in messages. Field keys are the interchange JSON's names.

import { parseMoney, type Cents } from './money.ts';

export type EntityKind = 'department' | 'unit' | 'project' | 'indicator' | 'overall' | 'task';

/**
 * How a typed value is read: `text` as it is; `money` an amount in 万元 (empty is 0); `planMoney` an amount or
 * empty (not filled); `count` a whole number of people.
 */
export type FieldKind = 'text' | 'money' | 'planMoney' | 'count';

export interface FieldDef {
  readonly label: string;
  readonly kind: FieldKind;
  /** Longest text accepted (the finance system's data dictionary, research/domain.md §5 rule 20, with room). */
  readonly maxLength?: number;
}

const text = (label: string, maxLength = 4000): FieldDef => ({ label, kind: 'text', maxLength });
const money = (label: string): FieldDef => ({ label, kind: 'money' });

export const FIELDS = {
  department: {
    name: text('部门名称', 200),
    code: text('部门编码', 50),
  },
  unit: {
    name: text('单位名称', 200),
    code: text('单位编码', 50),
  },
  project: {
    code: text('项目编码', 50),
    name: text('项目名称', 500),
    fiscal: money('财政拨款'),
    fiscalSpecial: money('财政专户拨款'),
    other: money('其他资金'),
    purpose: text('资金用途'),
    goal: text('绩效目标', 8000),
    planMar: { label: '资金支出计划（3月底）', kind: 'planMoney' },
    planJun: { label: '资金支出计划（6月底）', kind: 'planMoney' },
    planOct: { label: '资金支出计划（10月底）', kind: 'planMoney' },
    planDec: { label: '资金支出计划（12月底）', kind: 'planMoney' },
    unparsedIndicators: text('未能识别的绩效指标文字', 32_767),
  },
  indicator: {
    level1: text('一级指标', 50),
    level2: text('二级指标', 50),
    name: text('三级指标', 2000),
    description: text('绩效指标描述', 4000),
    annualValue: text('年度指标值', 2000),
    periodValue: text('实施周期指标值', 2000),
    basis: text('指标值确定依据', 500),
    priorValue: text('上年指标值', 2000),
  },
  overall: {
    supervisor: text('主管部门名称', 200),
    staffActive: { label: '在职人数', kind: 'count' },
    staffRetired: { label: '离退休人数', kind: 'count' },
    budgetBasic: money('基本支出'),
    budgetProject: money('项目支出'),
    budgetFiscal: money('财政拨款'),
    budgetOther: money('其他资金'),
    budgetOwnLevel: money('本级使用资金'),
    budgetTransfer: money('拟转移支付资金'),
    goal: text('总体绩效目标', 8000),
  },
  task: {
    name: text('任务名称', 500),
    content: text('主要实施内容'),
    amount: money('拟投入的资金'),
    expected: text('期望达到的目标'),
  },
} as const satisfies Record<EntityKind, Record<string, FieldDef>>;

export type FieldOf<E extends EntityKind> = keyof (typeof FIELDS)[E] & string;

export const ENTITY_LABEL: Readonly<Record<EntityKind, string>> = {
  department: '部门',
  unit: '单位',
  project: '项目',
  indicator: '指标',
  overall: '部门整体绩效目标',
  task: '年度重点工作任务',
};

export function fieldDef(entity: EntityKind, field: string): FieldDef | undefined {
  const fields = FIELDS[entity] as Readonly<Record<string, FieldDef>>;
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/** A typed value read by its field's kind. */
export type FieldValue = string | Cents | number | null;

export type ReadValue = { ok: true; value: FieldValue } | { ok: false; message: string };

const FULLWIDTH_DIGIT = /[０-９]/g;

/**
 * Reads what the officer typed (or pasted) into a field. Texts keep every character except a pasted cell's
 * trailing carriage return; amounts accept `1,107.43`, full-width digits and spaces, and refuse anything that
 * would need guessing, with a message that quotes the input.
 */
export function readFieldValue(def: FieldDef, raw: string): ReadValue {
  switch (def.kind) {
    case 'text': {
      const value = raw.replace(/\r\n?/g, '\n');
      if (def.maxLength !== undefined && value.length > def.maxLength) {
        return { ok: false, message: `有 ${value.length} 字，超过 ${def.maxLength} 字的上限` };
      }
      return { ok: true, value };
    }
    case 'money':
    case 'planMoney': {
      if (def.kind === 'planMoney' && raw.trim() === '') return { ok: true, value: null };
      const m = parseMoney(raw);
      if (!m.ok) return { ok: false, message: m.message };
      if (m.cents < 0) return { ok: false, message: `金额“${raw}”是负数：预算金额不能为负` };
      return { ok: true, value: m.cents };
    }
    case 'count': {
      const t = raw.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s,，人]/g, '');
      if (t === '') return { ok: true, value: 0 };
      if (!/^\d{1,7}$/.test(t)) return { ok: false, message: `人数“${raw}”不是整数：请填写如 23 这样的人数` };
      return { ok: true, value: Number(t) };
    }
  }
}
