// Runs in the sandboxed renderer before the page: exposes exactly two calls, nothing of Node or Electron.
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeApi } from '../../shared/ipc.ts';

const api: BridgeApi = {
  invoke: (channel, input) => ipcRenderer.invoke('api', channel, input ?? {}),
  openYearFile: () => ipcRenderer.invoke('shell:open-year'),
};

contextBridge.exposeInMainWorld('api', api);
