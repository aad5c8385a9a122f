// The child the kill harness starts and SIGKILLs: it loads the code first and says `ready`, then takes one
// `{scenario, dir}` line on stdin, says `go` when the operation proper starts and `done` when it has finished.
import readline from 'node:readline';
import { act, type Scenario } from './scenarios.ts';

process.stdout.write('ready\n');
const rl = readline.createInterface({ input: process.stdin });
let started = false;
// A harness that goes away (killed, interrupted) closes our stdin: a child still waiting for its orders goes too.
rl.once('close', () => {
  if (!started) process.exit(0);
});
rl.once('line', (line) => {
  started = true;
  rl.close();
  const { scenario, dir } = JSON.parse(line) as { scenario: Scenario; dir: string };
  act(scenario, dir, () => process.stdout.write('go\n')).then(
    () => {
      process.stdout.write('done\n');
      process.exit(0);
    },
    (e: unknown) => {
      process.stdout.write(`error ${JSON.stringify(String((e as Error)?.stack ?? e))}\n`);
      process.exit(1);
    },
  );
});
