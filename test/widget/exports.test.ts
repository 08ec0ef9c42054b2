// Runs in plain Node: importing the widget entry must not need a DOM (SSR-safe).
import { describe, expect, it, vi } from 'vitest';
import * as widget from '../../widget/index';
import { fakeClient } from './fakeClient';

describe('waymark/widget entry', () => {
  it('exports exactly the public surface', () => {
    expect(Object.keys(widget).sort()).toEqual(['defaultStrings', 'defineElements', 'mountWidget']);
  });

  it('imports and even calls safely without a DOM', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const onError = vi.fn();
    const handle = widget.mountWidget(fakeClient(), { onError });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'widget_error' }));
    expect(() => {
      handle.open();
      handle.destroy();
      widget.defineElements(fakeClient());
    }).not.toThrow();
  });
});

describe('built waymark/widget', () => {
  it('importing dist/widget.js touches no browser global (one typeof window aside)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const entry = new URL('../../dist/widget.js', import.meta.url);
    if (!existsSync(entry)) throw new Error('dist/widget.js is missing: build first');
    const script = `
      const touched = [];
      for (const name of ['window', 'document', 'indexedDB', 'navigator', 'customElements', 'matchMedia', 'HTMLElement', 'CSSStyleSheet']) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
      }
      const mod = await import(${JSON.stringify(entry.href)});
      console.log(JSON.stringify({ touched, exports: Object.keys(mod).sort() }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
    // @preact/signals asks `typeof window` at import (for its devtools hook). Each getter answers undefined, so a read
    // of anything on a global would throw here: one presence check is all that may happen.
    expect(out).toEqual({ touched: ['window'], exports: ['defaultStrings', 'defineElements', 'mountWidget'] });
  });

  it("require('waymark/widget') works without require() of ESM (Node 20 before 20.19, CommonJS test runners) and touches no browser global (one typeof window aside)", async () => {
    const { execFileSync } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    if (!existsSync('dist/widget.cjs')) throw new Error('dist/widget.cjs is missing: build first');
    // From the repository root, `waymark/widget` resolves through package.json's exports (a package's self-reference),
    // as it does from an app's node_modules. With require() of ESM turned off, an external `require('preact')` fails.
    const script = `
      const touched = [];
      for (const name of ['window', 'document', 'indexedDB', 'navigator', 'customElements', 'matchMedia', 'HTMLElement', 'CSSStyleSheet']) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
      }
      const widget = require('waymark/widget');
      console.log(JSON.stringify({ touched, exports: Object.keys(widget).sort(), file: require.resolve('waymark/widget').split('/').pop() }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--no-experimental-require-module', '--input-type=commonjs', '-e', script], {
        encoding: 'utf8',
      }),
    );
    // As above: the `typeof window` of @preact/signals, bundled into this file, and nothing else.
    expect(out).toEqual({
      touched: ['window'],
      exports: ['defaultStrings', 'defineElements', 'mountWidget'],
      file: 'widget.cjs',
    });
  });
});

describe('built waymark/widget/locales', () => {
  it('resolves by package name from import and require, exports the five sets and touches no browser global', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = `
      const touched = [];
      for (const name of ['window', 'document', 'navigator', 'customElements']) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
      }
      const esm = await import('waymark/widget/locales');
      const { createRequire } = await import('node:module');
      const cjs = createRequire(import.meta.url)('waymark/widget/locales');
      console.log(JSON.stringify({ touched, esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).sort(), title: esm.de.title }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() }),
    );
    const names = ['de', 'es', 'fr', 'ja', 'ptBR'];
    expect(out).toEqual({ touched: [], esm: names, cjs: names, title: 'Dein Fortschritt' });
  });
});
