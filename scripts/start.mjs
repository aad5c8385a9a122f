// `npm start [-- FILE.db]`: builds the interface and the shell, then starts the desktop program. Electron >= 42
// downloads its runtime on first start; where that cannot happen (no network), the program starts in browser
// mode instead: the same core on 127.0.0.1, opened in any browser.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// `npm run` starts scripts in the package folder: a year file named on the command line is meant from where it was typed.
const typedIn = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2).map((a) => (a.startsWith('-') ? a : path.resolve(typedIn, a)));
const onWindows = process.platform === 'win32';

for (const script of ['build:renderer', 'build:shell']) {
  const r = spawnSync(npm, ['run', '-s', script], { cwd: root, stdio: 'inherit', shell: onWindows });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

let electronPath = null;
try {
  electronPath = (await import('electron')).default;
} catch (e) {
  const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
  console.error(`Electron 运行时不可用（${reason}），改用浏览器模式启动。`);
}
if (electronPath) run(electronPath, [root, ...args]);
else run(process.execPath, ['--disable-warning=ExperimentalWarning', path.join(root, 'electron/server/main.ts'), ...args]);
