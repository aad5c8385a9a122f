// The Electron shell: windows, menu, dialogs and IPC registration only. Every feature is a channel of the core's
// handler map (electron/core/api/handlers.ts); this file just carries calls across.

import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, type IpcMainInvokeEvent } from 'electron';
import { UserError } from '../../shared/errors.ts';
import { invoke, toResult, type Session } from '../core/api/handlers.ts';
import { YearStore } from '../core/store/yearStore.ts';

let session: Session | null = null;
let mainWindow: BrowserWindow | null = null;

const RENDERER_URL = process.env.JXMB_RENDERER_URL; // set by `npm start` in development only
const RENDERER_FILE = path.join(import.meta.dirname, '../dist-renderer/index.html');


/** Only our own page may call the API: not a page it was navigated to, not a frame inside it. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return RENDERER_URL ? url.startsWith(RENDERER_URL) : url.startsWith('file://');
}

function openYear(file: string): string {
  const store = YearStore.open(file);
  session?.store.close();
  session = { store };
  mainWindow?.setTitle(`绩效目标表编辑器 — ${path.basename(file)}`);
  return file;
}

async function chooseAndOpenYear(): Promise<string | null> {
  const result = await dialog.showOpenDialog(mainWindow ?? undefined!, {
    title: '打开年度文件',
    properties: ['openFile'],
    filters: [{ name: '绩效目标年度文件', extensions: ['db'] }],
  });
  const file = result.filePaths[0];
  return result.canceled || !file ? null : openYear(file);
}

function registerIpc(): void {
  ipcMain.handle('api', (event, channel: unknown, input: unknown) => {
    if (!fromOurPage(event)) return toResult(() => { throw new UserError('拒绝了来自外部页面的请求'); });
    return toResult(() => {
      if (!session) throw new UserError('还没有打开年度文件：请从“文件”菜单打开或新建');
      return invoke(session, String(channel), input);
    });
  });
  ipcMain.handle('shell:open-year', async (event) => {
    if (!fromOurPage(event)) return toResult(() => { throw new UserError('拒绝了来自外部页面的请求'); });
    try {
      return { ok: true, value: await chooseAndOpenYear() };
    } catch (e) {
      return toResult(() => { throw e; });
    }
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    title: '绩效目标表编辑器',
    webPreferences: {
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      spellcheck: false,
    },
  });
  // The window shows our page and nothing else.
  mainWindow.webContents.on('will-navigate', (e) => e.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (RENDERER_URL) void mainWindow.loadURL(RENDERER_URL);
  else void mainWindow.loadFile(RENDERER_FILE);
  mainWindow.on('closed', () => (mainWindow = null));
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: '文件',
        submenu: [
          { label: '打开年度文件…', accelerator: 'CmdOrCtrl+O', click: () => void chooseAndOpenYear() },
          { type: 'separator' },
          { label: '退出', role: 'quit' },
        ],
      },
      { label: '编辑', submenu: [{ role: 'copy', label: '复制' }, { role: 'paste', label: '粘贴' }] },
    ]),
  );
}

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  registerIpc();
  buildMenu();
  const fileArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => a.endsWith('.db'));
  if (fileArg) {
    try {
      openYear(fileArg);
    } catch (e) {
      dialog.showErrorBox('无法打开年度文件', (e as Error).message);
    }
  }
  createWindow();
});

app.on('window-all-closed', () => {
  session?.store.close();
  session = null;
  app.quit();
});
