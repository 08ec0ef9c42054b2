import { css } from './styles';

let shared: CSSStyleSheet | undefined;

/**
 * Gives a shadow root the widget's styles: one constructable stylesheet shared by all mounts
 * (no CSP `style-src` needed), or a `<style nonce>` where constructable sheets are missing.
 *
 * @example
 * adoptStyles(host.attachShadow({ mode: 'open' }), 'r4nd0m');
 */
export const adoptStyles = (root: ShadowRoot, nonce?: string): void => {
  try {
    if (!shared) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shared = sheet;
    }
    const list = root.adoptedStyleSheets;
    if (!list.includes(shared)) root.adoptedStyleSheets = [...list, shared];
    return;
  } catch {
    // Older engines, or a sheet from another document (iframes): fall back to a <style>.
  }
  if (root.querySelector('style[data-waymark]')) return;
  const style = document.createElement('style');
  style.setAttribute('data-waymark', '');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.appendChild(style);
};
