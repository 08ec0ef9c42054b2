import { adoptStyles } from '../adoptStyles';
import { celebratesLate } from '../celebrate';
import { iconPaths } from '../components/iconPaths';
import { handleGuard } from '../handleGuard';
import type { mountInto as full } from '../mountInto';
import { overall } from '../overall';
import { reporter } from '../reporter';
import { createFormat } from '../strings';
import { launcherCss } from '../styles';
import type { WidgetHandle } from '../types';
import { loadUi } from './loadUi';

// Built with createElement, not innerHTML: pages that enforce Trusted Types allow it.
const make = (tag: string, attrs: Record<string, string>, ...children: Node[]) => {
  const e = /^(svg|circle|path)$/.test(tag) ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const name in attrs) e.setAttribute(name, attrs[name]);
  e.append(...children);
  return e;
};

/**
 * The script-tag build's `mountInto` (it replaces `widget/mountInto.tsx` there): draws the launcher and its ring
 * without Preact, the same markup as the Preact `Launcher`, and hands over to the full widget from `waymark.ui.js`
 * when it is needed: the launcher is clicked or `open()` is called, or a milestone is achieved (the widget then
 * celebrates it). Hovering or focusing the launcher starts the download early.
 *
 * @example
 * const handle = mountInto(host.attachShadow({ mode: 'open' }), host, wm, { position: 'bottom-left' });
 */
export const mountInto: typeof full = (root, host, wm, o) => {
  const report = reporter(o.onError);
  const t = createFormat(o.locale, o.strings);
  const pos = o.position;
  const ring = make('circle', { cx: '28', cy: '28', r: '24', pathLength: '100', 'stroke-dasharray': '100' });
  const button = make(
    'button',
    { class: 'lc', type: 'button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' },
    make('svg', { class: 'rg', viewBox: '0 0 56 56', 'aria-hidden': 'true' }, make('circle', { cx: '28', cy: '28', r: '24' }), ring),
    make('span', { class: 'fl' }, make('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true' }, make('path', { d: iconPaths.flag }))),
  ) as HTMLButtonElement;
  const frame = make(
    'div',
    { class: `wm ${pos === 'inline' ? 'in' : pos === 'bottom-left' ? 'bl' : 'br'} ${o.theme?.colorScheme ?? 'auto'}` },
    button,
    make('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true' }),
  ) as HTMLElement;
  if (o.theme?.accent) frame.style.setProperty('--waymark-accent', o.theme.accent);

  const draw = () => {
    try {
      const { achieved, total, ratio } = overall(wm.milestones());
      button.setAttribute('aria-label', t('launcher', { achieved, total }));
      ring.setAttribute('stroke-dashoffset', String(100 - ratio * 100));
    } catch (e) {
      report(e);
    }
  };

  let widget: WidgetHandle | undefined;
  let dead = false;
  let open = false;
  const prefetch = () => void loadUi().catch(() => {});
  let handing: Promise<void> | undefined;
  const handOver = () =>
    (handing ??= loadUi()
      .then((ui) => {
        if (dead || widget) return;
        const focused = root.activeElement === button;
        stop();
        // The root is the widget's own: the launcher and its sheet (or fallback <style>) make way for the whole widget.
        root.replaceChildren();
        root.adoptedStyleSheets = [];
        widget = ui.mountInto(root, host, wm, o);
        if (open) widget.open();
        else if (focused) root.querySelector<HTMLElement>('.lc')?.focus();
      })
      .catch((e) => {
        handing = undefined;
        report(e);
      }));
  const onClick = () => {
    open = true;
    handOver();
  };
  button.addEventListener('click', onClick);
  button.addEventListener('pointerenter', prefetch);
  button.addEventListener('focus', prefetch);
  const offs = [wm.subscribe(draw), wm.on('achieved', (m) => m?.celebrate !== 'none' && handOver())];
  const stop = () => {
    offs.splice(0).forEach((off) => off());
    button.removeEventListener('click', onClick);
  };
  Promise.resolve(wm.ready)
    .then(() => {
      if (dead || widget) return;
      draw();
      if (wm.milestones().some((m) => celebratesLate(m))) handOver();
    })
    .catch(report);
  draw();
  root.append(frame);
  adoptStyles(root, launcherCss, o.nonce);

  const guard = handleGuard(() => dead, report);
  return {
    open: guard(() => (widget ? widget.open() : ((open = true), handOver()))),
    close: guard(() => (widget ? widget.close() : (open = false))),
    destroy: guard(() => {
      dead = true;
      stop();
      frame.remove();
      widget?.destroy();
    }),
  };
};
