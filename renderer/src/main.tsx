// Start-up: pick the transport (Electron's preload bridge if present, else HTTP to `dropstream serve`) and render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './App.js';
import { BrowserGate } from './BrowserGate.js';
import { createHttpSession } from './api/http.js';
import type { UiApi } from './api/types.js';
import './styles.css';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a normal browser. */
    dropstream?: UiApi;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>{window.dropstream ? <Root api={window.dropstream} /> : <BrowserGate session={createHttpSession()} />}</StrictMode>,
);
