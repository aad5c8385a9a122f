// The fuzzer's short form (the full form is `npm run fuzz`, figures in docs/reliability.md): mutated workbooks
// (xlsx, ods, SpreadsheetML, .xls), interchange JSON, payloads for every API channel and random strings for the
// money, target and indicator-text parsers, each fed to the real code in a worker under a time limit. Nothing may
// crash (only a UserError's Chinese message), hang, or refuse an input yet change the year file; and every input
// that once failed, kept in reliability/corpus/, is replayed.

import { describe, expect, it } from 'vitest';
import { fuzz, isFailure, readCorpus } from '../../reliability/fuzz/runner.ts';

describe('fuzzing', () => {
  it('feeds 200 mutated inputs of every kind: no crash, no hang, a refused input leaves the year file as it was', async () => {
    const report = await fuzz({ seed: 12, inputs: 200, avoidKnown: true });
    expect(report.failures).toEqual([]);
    // Every kind of input was made, and some of each were refused (the mutations are not all harmless).
    for (const t of ['workbook', 'interchange', 'api', 'money', 'target', 'indicatorText'] as const) {
      expect(report.byTarget[t]?.refused ?? 0, t).toBeGreaterThan(0);
    }
  }, 240_000);

  const fixed = readCorpus().filter((c) => c.entry.status === 'fixed');
  it.runIf(fixed.length > 0)(`replays the ${fixed.length} corpus inputs whose defects were fixed`, async () => {
    const report = await fuzz({ seed: 0, inputs: 0, corpus: 'fixed' });
    expect(report.corpus).toHaveLength(fixed.length);
    const again = report.corpus.filter((c) => c.status === 'fixed' && isFailure(c.outcome));
    expect(again).toEqual([]);
  }, 240_000);

  // Defects in code this work may not change (importing, the readers): each is kept in the corpus with its reason,
  // and replayed by `npm run fuzz`. Enable these once they are fixed (and mark the entry `fixed`).
  for (const { file, entry } of readCorpus().filter((c) => c.entry.status === 'open')) {
    it.skip(`corpus ${file} (${entry.recipe}) — open defect: ${entry.reason ?? entry.found}`, () => {});
  }
});
