// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GATHER_MS, TOAST_MS } from '../../widget/createToastQueue';
import { de } from '../../widget/locales/index';
import { fakeClient, level, milestone } from './fakeClient';
import { mount } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-20T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete (navigator as { share?: unknown }).share;
  document.body.innerHTML = '';
});

const settle = (ms = GATHER_MS) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const share = { url: 'https://acme.example/', name: 'Acme' };
// A level of two, one still to do: achieving it completes "Power user".
const client = () => {
  const ms = [
    milestone('automate', { title: 'Automate a workflow', status: 'achieved', ratio: 1, current: 1, achievedAt: 0 }),
    milestone('report', { title: 'Send a report' }),
  ];
  return fakeClient(ms, [level('power-user', ms, { title: 'Power User', badge: { name: 'Power User', icon: '⚡' } })]);
};
const celebrate = async (options = {}) => {
  const wm = client();
  const w = mount(wm, { confetti: false, ...options });
  wm.achieve('report');
  await settle();
  return { wm, w };
};
// The browser's Web Share API, where it has one: the platform's boundary, stubbed like the network is.
const webShare = (impl: (data: ShareData) => Promise<void>) => {
  const fn = vi.fn(impl);
  Object.defineProperty(navigator, 'share', { value: fn, configurable: true, writable: true });
  return fn;
};

describe('Share on celebrations', () => {
  it('is off unless the share option is set', async () => {
    const { w } = await celebrate();
    expect(w.$('.ts')).not.toBeNull();
    expect(w.$('.sh')).toBeNull();
  });

  it('uses the Web Share API where the browser has it, with the pre-filled line, and tracks it', async () => {
    const native = webShare(async () => {});
    const { wm, w } = await celebrate({ share });
    expect(w.$('.sh button')!.textContent).toBe('Share');
    await act(async () => w.$<HTMLButtonElement>('.sh button')!.click());
    expect(native).toHaveBeenCalledWith({
      title: 'I just reached Power User in Acme',
      text: 'I just reached Power User in Acme',
      url: 'https://acme.example/',
    });
    expect(wm.tracked).toContainEqual(['waymark_shared', { achievement: 'level:power-user', via: 'native' }]);
    expect(w.$('.sh a')).toBeNull();
  });

  it('without Web Share: LinkedIn share link and Copy link, which copies the line and the URL', async () => {
    const writeText = vi.fn(async () => {});
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const { wm, w } = await celebrate({ share });
    const button = w.$<HTMLButtonElement>('.sh button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    act(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const linkedIn = w.$<HTMLAnchorElement>('.sh a')!;
    expect(linkedIn.textContent).toBe('Share on LinkedIn');
    expect(linkedIn.getAttribute('href')).toBe(
      'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.example%2F',
    );
    expect(linkedIn.getAttribute('target')).toBe('_blank');
    expect(linkedIn.getAttribute('rel')).toBe('noopener noreferrer');
    const copy = w.$$<HTMLButtonElement>('.sh button')[1];
    expect(copy.textContent).toBe('Copy link');
    await act(async () => copy.click());
    expect(writeText).toHaveBeenCalledWith('I just reached Power User in Acme https://acme.example/');
    expect(w.$$('.sh button')[1].textContent).toBe('Copied');
    expect(wm.tracked).toContainEqual(['waymark_shared', { achievement: 'level:power-user', via: 'copy' }]);
  });

  it('shows the line to copy by hand where the clipboard is refused; falls back to the links when Web Share is refused', async () => {
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({
      writeText: async () => Promise.reject(new Error('denied')),
    } as unknown as Clipboard);
    webShare(async () => Promise.reject(Object.assign(new Error('no activation'), { name: 'NotAllowedError' })));
    const { w } = await celebrate({ share });
    act(() => w.$<HTMLButtonElement>('.sh button')!.click());
    await settle(0); // the refusal arrives in a microtask
    expect(w.$('.sh a')).not.toBeNull();
    act(() => w.$$<HTMLButtonElement>('.sh button')[1].click());
    await settle(0);
    expect(w.$<HTMLInputElement>('.sh input')!.value).toBe('I just reached Power User in Acme https://acme.example/');
  });

  it('does nothing more when the person cancels the Web Share sheet', async () => {
    webShare(async () => Promise.reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })));
    const { wm, w } = await celebrate({ share });
    await act(async () => w.$<HTMLButtonElement>('.sh button')!.click());
    expect(w.$('.sh a')).toBeNull();
    expect(wm.tracked.filter(([name]) => name === 'waymark_shared')).toEqual([]);
  });

  it('is localised, and names the URL host when no product name is given', async () => {
    const native = webShare(async () => {});
    const { w } = await celebrate({ share: { url: 'https://acme.example' }, locale: 'de', strings: de });
    expect(w.$('.sh button')!.textContent).toBe('Teilen');
    await act(async () => w.$<HTMLButtonElement>('.sh button')!.click());
    expect(native.mock.calls[0][0].text).toBe('Ich habe gerade Power User in acme.example erreicht');
  });

  it('a share option without an http(s) URL is reported and shows no button', async () => {
    const onError = vi.fn();
    const { w } = await celebrate({ share: { url: 'javascript:alert(1)' }, onError });
    expect(onError).toHaveBeenCalledWith({
      code: 'invalid_option',
      path: 'share.url',
      message: 'expected an http(s) URL, got "javascript:alert(1)"',
    });
    expect(w.$('.sh')).toBeNull();
  });
});

describe('the toast while someone uses it', () => {
  it('stays up under the pointer past its time, and goes once the pointer leaves', async () => {
    const { w } = await celebrate({ share });
    act(() => void w.$('.ts')!.dispatchEvent(new Event('pointerenter')));
    await settle(TOAST_MS + 3000);
    expect(w.$('.ts')).not.toBeNull();
    act(() => void w.$('.ts')!.dispatchEvent(new Event('pointerleave')));
    await settle(1000);
    expect(w.$('.ts')).toBeNull();
  });
});
