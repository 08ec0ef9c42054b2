// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// loadSibling finds its own <script> when its module runs, as the script-tag build does while it loads.
let loadSibling: typeof import('../../widget/script/loadSibling').loadSibling;
let appended: HTMLScriptElement[];
beforeEach(async () => {
  vi.resetModules();
  document.head.innerHTML = '<script type="text/plain" src="https://cdn.example/waymark@1/dist/waymark.global.js" data-project-key="pk"></script>';
  ({ loadSibling } = await import('../../widget/script/loadSibling'));
  appended = [];
  // The test plays the browser: scripts are recorded, not fetched.
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => void appended.push(...(nodes as HTMLScriptElement[])));
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (window as any).__waymark_part;
});

// The nonce passed on is proven in Chromium (test/browser/global.test.ts): happy-dom has no `nonce` property.
it('loads waymark.{name}.js from beside its own script, once, and resolves with what it defines', async () => {
  const first = loadSibling<{ x: number }>('part');
  const second = loadSibling<{ x: number }>('part');
  expect(appended.map((s) => s.src)).toEqual(['https://cdn.example/waymark@1/dist/waymark.part.js']);
  (window as any).__waymark_part = { x: 1 };
  appended[0].dispatchEvent(new Event('load'));
  expect(await first).toEqual({ x: 1 });
  expect(await second).toEqual({ x: 1 });
  expect(await loadSibling('part')).toEqual({ x: 1 });
  expect(appended).toHaveLength(1);
});

it('rejects naming the URL when the file fails to load, and tries again on the next call', async () => {
  const failed = loadSibling('part');
  appended[0].dispatchEvent(new Event('error'));
  await expect(failed).rejects.toThrow('could not load https://cdn.example/waymark@1/dist/waymark.part.js');
  const retried = loadSibling('part');
  expect(appended).toHaveLength(2);
  (window as any).__waymark_part = { ok: true };
  appended[1].dispatchEvent(new Event('load'));
  expect(await retried).toEqual({ ok: true });
});

it('rejects when the file loaded but defined nothing (another file under that name)', async () => {
  const p = loadSibling('part');
  appended[0].dispatchEvent(new Event('load'));
  await expect(p).rejects.toThrow('waymark.part.js did not define __waymark_part');
});
