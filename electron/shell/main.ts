// The Electron shell: windows, menus, dialogs and IPC registration only. Every feature is a channel of the core's
// handler map (electron/core/api/handlers.ts); this file carries calls across and keeps the window a closed room:
// a sandboxed, context-isolated page without Node, served from our own app:// scheme (not file://), that cannot
// navigate away or open windows, and that never hands the main process a path: paths come from dialogs here.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  net,
  protocol,
  session as electronSession,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { UserError } from '../../shared/errors.ts';
import type { MenuCommand } from '../../shared/ipc.ts';
import { invoke, toResultAsync } from '../core/api/handlers.ts';
import { AppSession } from '../core/app/session.ts';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://bundle`;
const RENDERER_DIR = path.join(import.meta.dirname, '../dist-renderer');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Must happen before `ready`: app:// behaves like https (secure, standard origin, fetch allowed).
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let appSession: AppSession | null = null;

function sessionOrFail(): AppSession {
  if (!appSession) throw new Error('app session not ready');
  return appSession;
}

/** Only our own page may call the API: not a page it was navigated to, not a frame inside it. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && frame.url.startsWith(`${ORIGIN}/`);
}

const refused = () => ({ ok: false as const, error: { message: '拒绝了来自外部页面的请求', details: [], userError: true } });

/** Serves dist-renderer under app://bundle/, refusing anything that resolves outside it. */
function serveRenderer(): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(RENDERER_DIR, rel);
    if (url.host !== 'bundle' || !file.startsWith(RENDERER_DIR + path.sep)) return new Response('拒绝访问', { status: 403 });
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('找不到', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function setTitle(): void {
  const open = appSession?.store;
  mainWindow?.setTitle(open ? `${path.basename(open.path)} — 绩效目标表编辑器` : '绩效目标表编辑器');
}

async function chooseYearFile(): Promise<string | null> {
  const s = sessionOrFail();
  const result = await dialog.showOpenDialog(mainWindow ?? undefined!, {
    title: '打开年度文件',
    defaultPath: s.dataDir(),
    properties: ['openFile'],
    filters: [{ name: '绩效目标年度文件', extensions: ['db'] }],
  });
  const file = result.filePaths[0];
  if (result.canceled || !file) return null;
  // Chosen by the officer: the page may name it from now on (to restore a backup if it will not open).
  s.grantFile(file);
  return file;
}

function sendMenu(command: MenuCommand): void {
  mainWindow?.webContents.send('menu', command);
}

function registerIpc(): void {
  ipcMain.handle('api', async (event, channel: unknown, input: unknown) => {
    if (!fromOurPage(event)) return refused();
    const result = await toResultAsync(() => invoke(sessionOrFail(), String(channel), input));
    if (String(channel).startsWith('app.')) {
      setTitle();
      buildMenu();
    }
    return result;
  });
  ipcMain.handle('shell:choose-year', async (event) => {
    if (!fromOurPage(event)) return refused();
    return toResultAsync(async () => {
      const file = await chooseYearFile();
      if (!file) return null;
      const facts = sessionOrFail().open(file);
      setTitle();
      buildMenu();
      return facts;
    });
  });
  ipcMain.handle('shell:choose-data-dir', async (event) => {
    if (!fromOurPage(event)) return refused();
    return toResultAsync(async () => {
      const s = sessionOrFail();
      const result = await dialog.showOpenDialog(mainWindow ?? undefined!, {
        title: '选择数据文件夹',
        defaultPath: s.dataDir(),
        properties: ['openDirectory', 'createDirectory'],
      });
      const dir = result.filePaths[0];
      return result.canceled || !dir ? null : s.useDataDir(dir);
    });
  });
}

function registerExportIpc(): void {
  ipcMain.handle('shell:choose-export-dir', async (event) => {
    if (!fromOurPage(event)) return refused();
    return toResultAsync(async () => {
      const s = sessionOrFail();
      const result = await dialog.showOpenDialog(mainWindow ?? undefined!, {
        title: '选择导出到哪个文件夹',
        defaultPath: s.store ? path.dirname(s.store.path) : s.dataDir(),
        properties: ['openDirectory', 'createDirectory'],
      });
      const dir = result.filePaths[0];
      if (result.canceled || !dir) return null;
      s.grantDir(dir);
      return dir;
    });
  });
  ipcMain.handle('shell:choose-import-files', async (event) => {
    if (!fromOurPage(event)) return refused();
    return toResultAsync(async () => {
      const s = sessionOrFail();
      const result = await dialog.showOpenDialog(mainWindow ?? undefined!, {
        title: '选择要导入的表格',
        defaultPath: s.dataDir(),
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: '表格文件', extensions: ['xlsx', 'xls', 'xml', 'et', 'ods'] },
          { name: '所有文件', extensions: ['*'] },
        ],
      });
      if (result.canceled || result.filePaths.length === 0) return null;
      return result.filePaths.map((f) => s.importFiles.addPath(f));
    });
  });
  ipcMain.handle('shell:show-in-folder', async (event, file: unknown) => {
    if (!fromOurPage(event)) return refused();
    return toResultAsync(async () => {
      // Only a file this session exported: the page cannot make the shell reveal arbitrary paths.
      if (typeof file !== 'string' || !sessionOrFail().wasExported(file)) throw new UserError('只能打开本次导出的文件所在的文件夹');
      shell.showItemInFolder(file);
      return null;
    });
  });
}

function openFromArgs(argv: readonly string[]): void {
  const file = argv.slice(app.isPackaged ? 1 : 2).find((a) => a.toLowerCase().endsWith('.db'));
  if (file) openInWindow(file);
}

/** Opens a year file chosen outside the page; one that will not open is told on Home (with its backups, when damaged). */
function openInWindow(file: string): void {
  sessionOrFail().openAtStart(file);
  setTitle();
  buildMenu();
  sendMenu('show-open');
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 880,
    title: '绩效目标表编辑器',
    show: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = mainWindow.webContents;
  // The window shows our page and nothing else: no navigation, no new windows (links go to the system browser
  // only for the project's help pages, which the page does not have today).
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(`${ORIGIN}/index.html`);
  mainWindow.on('closed', () => (mainWindow = null));
  setTitle();
}

function recentMenu(): MenuItemConstructorOptions[] {
  const recent = appSession?.home().recent.filter((r) => r.exists).slice(0, 8) ?? [];
  if (recent.length === 0) return [{ label: '（没有）', enabled: false }];
  return recent.map((r) => ({
    label: path.basename(r.path),
    toolTip: r.path,
    click: () => {
      openInWindow(r.path);
    },
  }));
}

function buildMenu(): void {
  const yearOpen = Boolean(appSession?.store);
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '首页', accelerator: 'CmdOrCtrl+H', click: () => sendMenu('home') },
        { label: '新建年度…', accelerator: 'CmdOrCtrl+N', click: () => sendMenu('new-year') },
        {
          label: '打开…',
          accelerator: 'CmdOrCtrl+O',
          click: async () => {
            const file = await chooseYearFile();
            if (!file) return;
            openInWindow(file);
          },
        },
        { label: '打开示例年度', click: () => sendMenu('open-sample') },
        { label: '最近打开', submenu: recentMenu() },
        { type: 'separator' },
        { label: '导入…', accelerator: 'CmdOrCtrl+I', enabled: yearOpen, click: () => sendMenu('import') },
        { label: '导出…', accelerator: 'CmdOrCtrl+E', enabled: yearOpen, click: () => sendMenu('export') },
        { label: '结转到下一年度…', enabled: yearOpen, click: () => sendMenu('rollforward') },
        { label: '恢复备份…', enabled: yearOpen, click: () => sendMenu('restore') },
        { type: 'separator' },
        {
          label: '在文件夹中显示年度文件',
          enabled: yearOpen,
          click: () => {
            const file = appSession?.store?.path;
            if (file) shell.showItemInFolder(file);
          },
        },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        // Undo and redo are the year file's own history (the core), not the text field's.
        { label: '撤销', accelerator: 'CmdOrCtrl+Z', enabled: yearOpen, click: () => sendMenu('undo') },
        { label: '重做', accelerator: 'CmdOrCtrl+Y', enabled: yearOpen, click: () => sendMenu('redo') },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
        { type: 'separator' },
        { label: '查找…', accelerator: 'CmdOrCtrl+F', enabled: yearOpen, click: () => sendMenu('find') },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '审核', accelerator: 'F7', enabled: yearOpen, click: () => sendMenu('validate') },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于绩效目标表编辑器', click: () => sendMenu('about') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (!app.requestSingleInstanceLock()) {
  // Another window already edits the year files: hand it our arguments and leave.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    openFromArgs(argv);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.whenReady().then(() => {
    appSession = new AppSession(
      {
        configDir: process.env.JXMB_CONFIG_DIR ?? app.getPath('userData'),
        defaultDataDir: process.env.JXMB_DATA_DIR ?? path.join(app.getPath('documents'), '绩效目标表'),
      },
      { pathsFromPage: false },
    );
    // The page needs no permissions at all (camera, notifications, …).
    electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    serveRenderer();
    registerIpc();
    registerExportIpc();
    openFromArgs(process.argv);
    buildMenu();
    createWindow();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('window-all-closed', () => {
    appSession?.closeYear();
    app.quit();
  });
}
