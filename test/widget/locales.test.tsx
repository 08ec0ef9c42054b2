// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultStrings } from '../../widget/index';
import * as localeModule from '../../widget/locales/index';
import type { PluralString, WidgetString } from '../../widget/types';
import { fakeClient, milestone } from './fakeClient';
import { mount } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const tags: Record<string, string> = { de: 'de', fr: 'fr', es: 'es', ptBR: 'pt-BR', ja: 'ja' };
const placeholders = (s: WidgetString) =>
  (typeof s === 'string'
    ? [s]
    : Object.entries(s as PluralString)
        .filter(([k]) => k !== 'plural')
        .map(([, v]) => v as string)
  ).flatMap((template) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

// The entry's sets by export name, to look up by a name that a test table gives.
const locales: Record<string, Record<string, WidgetString>> = { ...localeModule };

describe('waymark/widget/locales', () => {
  it('exports de, es, fr, ja and ptBR', () => {
    expect(Object.keys(locales).sort()).toEqual(['de', 'es', 'fr', 'ja', 'ptBR']);
  });

  it.each(Object.keys(tags))('%s defines every key of the default strings, and nothing else', (name) => {
    const set = locales[name];
    expect(Object.keys(set).sort()).toEqual(Object.keys(defaultStrings).sort());
    for (const [key, value] of Object.entries(set))
      expect(typeof value === 'string' ? value : (value as PluralString).other, `${name}.${key}`).toBeTruthy();
  });

  it.each(Object.keys(tags))(
    '%s uses only the placeholders the English string has, and every plural form its language needs',
    (name) => {
      const set = locales[name];
      const categories = new Intl.PluralRules(tags[name]).resolvedOptions().pluralCategories;
      for (const [key, value] of Object.entries(set) as [keyof typeof defaultStrings, WidgetString][]) {
        const english = new Set(placeholders(defaultStrings[key]));
        for (const p of placeholders(value)) expect(english.has(p), `${name}.${key} uses {${p}}`).toBe(true);
        if (typeof value === 'object') {
          expect(
            english.has((value as PluralString).plural) || (value as PluralString).plural === 'count',
            `${name}.${key} counts {${(value as PluralString).plural}}`,
          ).toBe(true);
          for (const category of categories)
            expect(
              (value as Record<string, string>)[category] ?? (value as PluralString).other,
              `${name}.${key}.${category}`,
            ).toBeTruthy();
        }
      }
    },
  );
});

describe('the widget in German', () => {
  it('words everything in German, with German numbers, plurals and lists (no English left)', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-20T10:00:00Z') });
    const wm = sampleClient();
    const w = mount(wm, { locale: 'de', strings: locales.de, confetti: false });
    w.open();
    expect(w.$('button.lc')!.getAttribute('aria-label')).toBe('Dein Fortschritt: 3 von 6 Meilensteinen erreicht');
    expect(w.$('h2')!.textContent).toBe('Dein Fortschritt');
    expect(w.text('.lv h3')).toEqual(['Getting started · 2 von 3', 'Power user · 0 von 2', 'Meilensteine']);
    expect(w.text('.me')).toContain('≈ 83 Stunden gespart · 2.490\u00a0$');
    expect(w.text('.me')).toContain('Erreicht am 11.11.2026');
    expect(w.$('.nx .ey')!.textContent).toBe('Als Nächstes');
    expect(w.$('.bs h3')!.textContent).toBe('Abzeichen');
    act(() => w.handle.close());
    wm.achieve('ten-tasks');
    await act(async () => void (await vi.advanceTimersByTimeAsync(200)));
    expect(w.$('.ts .tt')!.textContent).toBe('Stufe abgeschlossen: Getting started');
    expect(w.text('.ts .ds')).toEqual([
      'Meilenstein erreicht: Complete 10 tasks',
      'Abzeichen verdient: Productive und Onboarded',
    ]);
    // What is left in English is the host's own content (titles); none of the widget's words.
    const visible = w.root().textContent!;
    for (const word of ['Milestone', 'achieved', 'Up next', 'Badge', 'saved', 'Level complete', ' and '])
      expect(visible).not.toContain(word);
  });

  it('singular and plural through Intl.PluralRules: 1 of 1 Meilenstein, in French 1 étape atteinte', () => {
    const one = [milestone('a', { status: 'achieved', ratio: 1, current: 1 })];
    expect(
      mount(fakeClient(one), { locale: 'de', strings: locales.de }).$('button.lc')!.getAttribute('aria-label'),
    ).toBe('Dein Fortschritt: 1 von 1 Meilenstein erreicht');
    document.body.innerHTML = '';
    const fr = mount(fakeClient([...one, milestone('b')]), { locale: 'fr', strings: locales.fr });
    fr.open();
    expect(fr.$('.sub')!.textContent).toBe('1 étape atteinte sur 2');
  });

  it("reports a locale given without strings (the words would stay English), to onError and the client's error listeners", () => {
    const wm = fakeClient();
    const onError = vi.fn();
    mount(wm, { locale: 'de', onError });
    const expected = {
      code: 'invalid_option',
      path: 'strings',
      message: `locale "de" has no strings, so the words stay English: pass a set, e.g. import { de } from 'waymark/widget/locales', or load the script tag waymark.de.global.js`,
    };
    expect(onError).toHaveBeenCalledWith(expected);
    expect(wm.reported).toEqual([expected]);
  });

  it('names the set and the script-tag file of the language shipped, for any region; an example set for a language not shipped', () => {
    const message = (locale: string) => {
      const onError = vi.fn();
      mount(fakeClient(), { locale, onError });
      document.body.innerHTML = '';
      return onError.mock.calls.map(([e]) => e.message).join();
    };
    expect(message('pt-PT')).toBe(
      `locale "pt-PT" has no strings, so the words stay English: pass a set, e.g. import { ptBR } from 'waymark/widget/locales', or load the script tag waymark.pt-BR.global.js`,
    );
    expect(message('zh-CN')).toBe(
      `locale "zh-CN" has no strings, so the words stay English: pass a set, e.g. import { de } from 'waymark/widget/locales'`,
    );
    expect(message('en-GB')).toBe('');
  });
});
