// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountWidget } from '../../widget/index';
import { mount } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

// Net document listeners added and not removed, counted at the DOM boundary.
const countDocumentListeners = () => {
  let net = 0;
  const add = document.addEventListener.bind(document);
  const remove = document.removeEventListener.bind(document);
  vi.spyOn(document, 'addEventListener').mockImplementation((...a: Parameters<typeof add>) => {
    net++;
    add(...a);
  });
  vi.spyOn(document, 'removeEventListener').mockImplementation((...a: Parameters<typeof remove>) => {
    net--;
    remove(...a);
  });
  return () => net;
};

describe('destroy', () => {
  it('removes the host, the subscription and the achieved listener', () => {
    const wm = sampleClient();
    const w = mount(wm);
    w.open();
    expect(wm.counts()).toEqual({ subscribers: 1, listeners: 1 });
    act(() => w.handle.destroy());
    expect(document.querySelector('[data-waymark-widget]')).toBeNull();
    expect(wm.counts()).toEqual({ subscribers: 0, listeners: 0 });
    expect(() => {
      w.handle.open();
      w.handle.destroy();
    }).not.toThrow();
  });

  it('100 full cycles leave the client and the document exactly as found', () => {
    const wm = sampleClient();
    const net = countDocumentListeners();
    const html = document.body.innerHTML;
    for (let i = 0; i < 100; i++) {
      let h!: ReturnType<typeof mountWidget>;
      act(() => {
        h = mountWidget(wm);
      });
      act(() => h.open());
      act(() => h.destroy());
    }
    expect(document.body.innerHTML).toBe(html);
    expect(wm.counts()).toEqual({ subscribers: 0, listeners: 0 });
    expect(net()).toBe(0);
    // A test of leaks, not of speed: on a busy machine 100 cycles take longer than the default 5 s.
  }, 60_000);
});
