// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostScheme } from '../../widget/hostScheme';
import { defineElements } from '../../widget/index';
import { luminance } from '../../widget/luminance';
import { fakeClient, milestone } from './fakeClient';
import { mount } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
  document.head.innerHTML = '';
});

// The operating system says dark, whatever the page says.
const darkOS = () =>
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (q) =>
      ({
        matches: q.includes('dark'),
        media: q,
        addEventListener() {},
        removeEventListener() {},
      }) as unknown as MediaQueryList,
  );
const scheme = (w: ReturnType<typeof mount>) => w.$('.wm')!.className.split(' ')[2];
/**
 * Resolves when a MutationObserver hears of a change to the body's attributes: this one is made after the widget's,
 * and observers are told in the order they were made, so the widget has looked at the page again by then.
 */
const bodyAttributesObserved = () =>
  new Promise<void>((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { attributes: true });
  });

describe("colorScheme 'auto' follows the host page, not the operating system", () => {
  it('a light page on a dark OS gets the light widget', () => {
    darkOS();
    document.body.style.backgroundColor = '#ffffff';
    expect(scheme(mount(fakeClient()))).toBe('light');
  });

  it('a dark page gets the dark widget, and a page that turns light turns it light again', async () => {
    document.body.style.backgroundColor = 'rgb(17, 18, 24)';
    const w = mount(fakeClient([milestone('a')]));
    expect(scheme(w)).toBe('dark');
    await act(async () => {
      const observed = bodyAttributesObserved();
      document.body.style.backgroundColor = '#fafafa';
      await observed;
    });
    expect(scheme(w)).toBe('light');
  });

  it('a transparent page is light, unless it allows dark (meta color-scheme) and the OS prefers it', () => {
    darkOS();
    expect(scheme(mount(fakeClient()))).toBe('light');
    document.body.innerHTML = '';
    document.head.innerHTML = '<meta name="color-scheme" content="light dark">';
    expect(scheme(mount(fakeClient()))).toBe('dark');
  });

  it('light and dark force the scheme whatever the page', () => {
    document.body.style.backgroundColor = '#000';
    expect(scheme(mount(fakeClient(), { theme: { colorScheme: 'light' } }))).toBe('light');
    document.body.innerHTML = '';
    document.body.style.backgroundColor = '#fff';
    expect(scheme(mount(fakeClient(), { theme: { colorScheme: 'dark' } }))).toBe('dark');
  });

  it('an inline element takes the scheme of what it sits in: a dark card on a light page', () => {
    document.body.style.backgroundColor = '#fff';
    defineElements(fakeClient([milestone('a', { title: 'A' })]));
    const card = document.createElement('div');
    card.style.backgroundColor = '#15161c';
    act(() => {
      card.innerHTML = '<waymark-progress milestone="a"></waymark-progress>';
      document.body.append(card);
    });
    expect(card.firstElementChild!.shadowRoot!.querySelector('.wm')!.className).toBe('wm el dark');
  });
});

describe('hostScheme', () => {
  const on = (background: string) => {
    const parent = document.createElement('div');
    parent.style.backgroundColor = background;
    const el = document.createElement('span');
    parent.append(el);
    document.body.append(parent);
    return hostScheme(el);
  };

  it.each([
    ['#fff', 'light'],
    ['#0b0c10', 'dark'],
    ['rgb(250, 250, 250)', 'light'],
    ['rgba(20, 20, 30, 0.95)', 'dark'],
    ['#666666', 'dark'],
    ['#999999', 'light'],
  ])('reads a %s background as %s', (background, expected) => {
    expect(on(background)).toBe(expected);
  });

  it('looks through see-through backgrounds to the one behind', () => {
    document.body.style.backgroundColor = '#101014';
    expect(on('rgba(255, 255, 255, 0.1)')).toBe('dark');
    expect(on('transparent')).toBe('dark');
  });
});

describe('luminance', () => {
  it.each([
    ['rgb(255, 255, 255)', 1],
    ['rgb(0, 0, 0)', 0],
    ['#fff', 1],
    ['#000000ff', 0],
    ['rgb(20 20 30 / 90%)', 0.0075],
    ['oklch(0.21 0.02 264)', 0.0093],
    ['oklch(97% 0.01 264)', 0.9127],
    ['oklab(0.5 0 0)', 0.125],
    ['lab(12 2 -8)', 0.0141],
    ['lch(92 4 250)', 0.807],
    ['color(srgb 0.1 0.1 0.12)', 0.0103],
  ])('of %s is %d', (css, expected) => {
    expect(luminance(css)).toBeCloseTo(expected, 3);
  });

  it.each(['rgba(0, 0, 0, 0)', 'transparent', '#0000', 'rgb(0 0 0 / 0.2)', 'hsl(0 0% 50%)', '', 'currentcolor'])(
    'of %j is unknown (see-through or not understood)',
    (css) => {
      expect(luminance(css)).toBeUndefined();
    },
  );
});
