// The fuzz worker: one process that feeds inputs one by one (a line of JSON in, a line of JSON out). The runner
// kills it when an input takes longer than its time limit — a hang — and starts another.
import readline from 'node:readline';
import { Sandbox, feed } from './targets.ts';
import type { FuzzInput } from './inputs.ts';

const [dir, template] = process.argv.slice(2) as [string, string];
process.chdir(dir);
const box = new Sandbox(dir, template);
process.stdout.write('ready\n');
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  const input = JSON.parse(line) as FuzzInput;
  const outcome = await feed(box, input).catch((e: unknown) => ({ kind: 'internal' as const, message: String((e as Error)?.stack ?? e) }));
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}
