const sheets = new Map<string, CSSStyleSheet>();

/**
 * Gives a shadow root a stylesheet: one constructable sheet per text, shared by all mounts (no CSP `style-src`
 * needed), or a `<style nonce>` where constructable sheets are missing.
 *
 * @example
 * adoptStyles(host.attachShadow({ mode: 'open' }), css, 'r4nd0m');
 */
export const adoptStyles = (root: ShadowRoot, text: string, nonce?: string): void => {
  try {
    let sheet = sheets.get(text);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      sheets.set(text, sheet);
    }
    const list = root.adoptedStyleSheets;
    if (!list.includes(sheet)) root.adoptedStyleSheets = [...list, sheet];
    return;
  } catch {
    // Older engines, or a sheet from another document (iframes): fall back to a <style>.
  }
  if ([...root.querySelectorAll('style[data-waymark]')].some((s) => s.textContent === text)) return;
  const style = document.createElement('style');
  style.setAttribute('data-waymark', '');
  if (nonce) style.nonce = nonce;
  style.textContent = text;
  root.appendChild(style);
};
