// Runs in the sandboxed renderer before the page: exposes exactly these calls, nothing of Node or Electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type BridgeApi, MENU_COMMANDS, type MenuCommand } from '../../shared/ipc.ts';

const api: BridgeApi = {
  kind: 'electron',
  invoke: (channel, input) => ipcRenderer.invoke('api', channel, input ?? {}),
  chooseYearFile: () => ipcRenderer.invoke('shell:choose-year'),
  chooseDataDir: () => ipcRenderer.invoke('shell:choose-data-dir'),
  chooseExportDir: () => ipcRenderer.invoke('shell:choose-export-dir'),
  chooseImportFiles: () => ipcRenderer.invoke('shell:choose-import-files'),
  showInFolder: (file) => ipcRenderer.invoke('shell:show-in-folder', file),
  onMenu: (handler) => {
    const listener = (_e: IpcRendererEvent, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) handler(command as MenuCommand);
    };
    ipcRenderer.on('menu', listener);
    return () => ipcRenderer.removeListener('menu', listener);
  },
};

contextBridge.exposeInMainWorld('api', api);
