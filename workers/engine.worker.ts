// The model worker: builds the engine for the browser and exposes it with comlink. Nothing else.
import { expose } from 'comlink';
import { Engine } from './engine.ts';
import { browserProbe } from './runtime/browser-probe.ts';
import { localBrowserModelFiles } from './runtime/browser-setup.ts';

expose(new Engine({ files: localBrowserModelFiles(), probe: browserProbe() }));
