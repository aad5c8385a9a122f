// The sample year a new officer opens to see a filled editor at once: built from the published tables the formats
// come from (seeds 000, 001 and 003, three Guangzhou summary tables of 2023, framework A; and seed 004, Zhanjiang's
// 2021 department table, rolled forward to 2023 with its amounts kept so that its 上年指标值 show too).

import { parseInterchange } from '../../../shared/interchange.ts';
import type { YearData } from '../../../shared/model.ts';
import { rollForward } from '../../../shared/rollforward.ts';
import seed000 from './sample/seed-000.json' with { type: 'json' };
import seed001 from './sample/seed-001.json' with { type: 'json' };
import seed003 from './sample/seed-003.json' with { type: 'json' };
import seed004 from './sample/seed-004.json' with { type: 'json' };

export const SAMPLE_YEAR = 2023;
export const SAMPLE_FILE_NAME = `示例-${SAMPLE_YEAR}年绩效目标.db`;

export function sampleYear(): YearData {
  const [a, b, c] = [seed000, seed001, seed003].map((j) => parseInterchange(JSON.stringify(j)));
  const t3 = rollForward(parseInterchange(JSON.stringify(seed004)), { toYear: SAMPLE_YEAR, keepAmounts: true }).data;
  return {
    fiscalYear: SAMPLE_YEAR,
    framework: 'A',
    summaryStyle: 'C',
    departments: [a, b, c, t3].flatMap((y) => (y ? y.departments : [])),
  };
}
