import { ownScript } from './ownScript';

const loading: Record<string, Promise<unknown>> = {};

/**
 * Loads `waymark.{name}.js` from the folder the script-tag build came from and resolves with what it exports (the file
 * sets `window.__waymark_{name}`). A classic `<script>`, not `import()`: it needs no CORS from a CDN, and whatever CSP
 * lets the main file run lets it run too; the main script's nonce is passed on. A failed load is retried on the next call.
 *
 * @example
 * const { create } = await loadSibling<typeof import('canvas-confetti')>('confetti');
 */
export const loadSibling = <T>(name: string): Promise<T> => {
  const key = '__waymark_' + name;
  const exported = () => (window as unknown as Record<string, T | undefined>)[key];
  return (loading[name] ??= new Promise<T>((resolve, reject) => {
    if (exported()) return resolve(exported()!);
    const script = document.createElement('script');
    script.src = new URL(`waymark.${name}.js`, ownScript?.src || document.baseURI).href;
    if (ownScript?.nonce) script.nonce = ownScript.nonce;
    script.onload = () => (exported() ? resolve(exported()!) : reject(new Error(`${script.src} did not define ${key}`)));
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  }).catch((error) => {
    delete loading[name];
    throw error;
  })) as Promise<T>;
};
