// Bundles the Electron shell (main + preload) and the core it uses into dist-electron/ with Vite (Rolldown).
// main is ESM; the preload runs in a sandbox and must be one CommonJS file. Every JavaScript dependency (zod,
// exceljs, …) is bundled in, so the packaged app needs no node_modules but better-sqlite3, which stays external with
// electron: the first ships its own native prebuilds, the second is the runtime.
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const external = ['electron', 'better-sqlite3', /^node:/];

async function bundle(entry, fileName, format) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, external: ['electron', 'better-sqlite3'] },
    build: {
      ssr: true,
      target: 'node22',
      outDir: 'dist-electron',
      emptyOutDir: false,
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: path.join(root, entry),
        external,
        output: { format, entryFileNames: fileName, codeSplitting: false },
      },
    },
  });
}

await bundle('electron/shell/main.ts', 'main.js', 'es');
await bundle('electron/shell/preload.ts', 'preload.cjs', 'cjs');
// Legacy spreadsheet formats are parsed in a worker thread (electron/core/xlsx/legacyRead.ts loads it beside main.js).
await bundle('electron/core/xlsx/legacyWorker.ts', 'legacyWorker.js', 'es');
console.log('已构建 dist-electron/main.js 与 preload.cjs');
