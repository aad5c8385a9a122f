// A new year file that appears whole or not at all: built and filled under a hidden temporary name in the same
// folder, then given its name in one step (a hard link, which never replaces a file that appeared meanwhile). A
// crash or a kill half-way leaves only the hidden `.partial` file, never an empty or half-filled year file under
// the real name (the kill harness, reliability/torture, checks this).
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/errors.ts';
import type { FrameworkId } from '../../../shared/frameworks.ts';
import { YearStore } from './yearStore.ts';

export function createYearFileWith(target: string, info: { fiscalYear: number; framework: FrameworkId }, fill: (store: YearStore) => void): void {
  if (fs.existsSync(target)) throw new UserError(`“${target}”已存在，未覆盖。请换一个文件名，或先打开它`);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.partial`);
  let next: YearStore | null = null;
  try {
    next = YearStore.create(tmp, info);
    fill(next);
    next.close();
    next = null;
    fs.linkSync(tmp, target);
    fs.rmSync(tmp, { force: true });
  } catch (e) {
    next?.close();
    fs.rmSync(tmp, { force: true });
    if ((e as { code?: string }).code === 'EEXIST') throw new UserError(`“${target}”已存在，未覆盖`);
    throw e;
  }
}
