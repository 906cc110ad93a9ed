// The preload of every window: exposes the bridge as window.dropstream. Built as one CommonJS bundle
// (preload/build.mjs), because a sandboxed preload cannot load ES modules or other local files.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('dropstream', createBridge(ipcRenderer));
