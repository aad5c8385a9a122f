// One measurement in a process of its own: `node bench/child.ts FIXTURES.json OPERATION app|bare WORKDIR`. Prints
// one JSON line — the timing and the process's peak RSS — so the peak belongs to this operation alone.

import fs from 'node:fs';
import { type Fixtures, OPERATIONS } from './operations.ts';

const [fixturesFile, name, variant, work] = process.argv.slice(2) as [string, string, 'app' | 'bare', string];
const op = OPERATIONS.find((o) => o.name === name);
if (!op) throw new Error(`unknown operation ${name}`);
const measure = variant === 'app' ? op.app : op.bare;
if (!measure) throw new Error(`${name} has no bare baseline`);
const fixtures = JSON.parse(fs.readFileSync(fixturesFile, 'utf8')) as Fixtures;
const timing = await measure(fixtures, work);
// maxRSS is in KiB.
process.stdout.write(`${JSON.stringify({ ...timing, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
