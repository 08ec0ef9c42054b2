// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, withoutConstructableSheets } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('theming and styles', () => {
  it("defaults to the host page's colour scheme (light here) with the stylesheet adopted, no <style> and no style attributes in markup", () => {
    const w = mount(sampleClient());
    w.open();
    expect(w.$('.wm')!.className).toBe('wm br light');
    const sheets = w.root().adoptedStyleSheets;
    expect(sheets).toHaveLength(2); // the launcher's sheet, and the views' (panel, toast) once loaded
    expect(w.root().querySelector('style')).toBeNull();
    // Only CSSOM-set custom properties (the bar fills), which a strict CSP allows.
    for (const el of w.$$('[style]')) expect(el.getAttribute('style')).toMatch(/^--p: [\d.]+;$/);
  });

  it('applies accent and colour scheme from options', () => {
    const w = mount(sampleClient(), { theme: { accent: '#0f766e', colorScheme: 'dark' } });
    const wrap = w.$('.wm')!;
    expect(wrap.className).toBe('wm br dark');
    expect(wrap.style.getPropertyValue('--waymark-accent')).toBe('#0f766e');
  });

  it('styles from --waymark-* custom properties and resets inherited host CSS', async () => {
    const { launcherCss } = await import('../../widget/launcherCss');
    const { panelCss } = await import('../../widget/panelCss');
    const css = launcherCss + panelCss;
    expect(css).toContain('var(--waymark-accent,');
    expect(css).toContain('var(--waymark-font,');
    expect(css).toMatch(/\.wm\{all:initial;/);
    expect(css).toContain(':host([data-waymark-widget]){all:initial!important');
    // The operating system's preference alone never turns the widget dark: the host page decides (hostScheme).
    expect(css).not.toContain('prefers-color-scheme');
    expect(css).toContain('.wm.dark{');
    expect(css).toContain('@media (prefers-reduced-motion:reduce)');
    expect(css).not.toMatch(/\d+(\.\d+)?rem/);
  });

  it('falls back to <style nonce> where constructable stylesheets are missing', async () => {
    withoutConstructableSheets();
    vi.resetModules();
    const { mountWidget } = await import('../../widget/index');
    const handle = mountWidget(sampleClient(), { nonce: 'n0nce' });
    const style = document.querySelector('[data-waymark-widget]')!.shadowRoot!.querySelector('style')!;
    expect(style.nonce).toBe('n0nce');
    expect(style.textContent).toContain(':host');
    handle.destroy();
  });
});
