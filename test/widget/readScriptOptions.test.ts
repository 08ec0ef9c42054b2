import { describe, expect, it } from 'vitest';
import { de, fr, ptBR } from '../../widget/locales/index';
import { readScriptOptions } from '../../widget/script/readScriptOptions';

describe("the script tag's options", () => {
  it('come from the data- attributes', () => {
    const data = { projectKey: 'pk_a', endpoint: '/api', userId: 'u_1', consent: 'pending', milestones: '/m.json', position: 'bottom-left', locale: 'de', accent: '#0f766e', colorScheme: 'dark' };
    expect(readScriptOptions(data, 'n0nce', {})).toEqual({
      client: { projectKey: 'pk_a', endpoint: '/api', userId: 'u_1', consent: 'pending' },
      widget: { position: 'bottom-left', locale: 'de', strings: de, theme: { accent: '#0f766e', colorScheme: 'dark' }, nonce: 'n0nce' },
      milestonesUrl: '/m.json',
      launcher: true,
    });
  });

  it("init()'s options win over the attributes; inline milestones mean no URL is fetched", () => {
    const milestones = [{ id: 'a', title: 'A', rule: { event: 'a' } }];
    const options = readScriptOptions({ projectKey: 'pk_a', endpoint: '/api', milestones: '/m.json', locale: 'de' }, '', {
      projectKey: 'pk_b',
      endpoint: '/other',
      milestones,
      launcher: false,
      widget: { locale: 'fr' },
    });
    expect(options.client).toEqual({ projectKey: 'pk_b', endpoint: '/other', milestones });
    expect(options.widget.locale).toBe('fr');
    expect(options.widget.strings).toBe(fr);
    expect(options.widget.nonce).toBeUndefined();
    expect(options.milestonesUrl).toBeUndefined();
    expect(options.launcher).toBe(false);
  });

  it('data-launcher="false" mounts no launcher; milestonesUrl names the definitions to fetch', () => {
    const options = readScriptOptions({ projectKey: 'pk_a', launcher: 'false' }, undefined, { milestonesUrl: '/defs.json' });
    expect(options.launcher).toBe(false);
    expect(options.milestonesUrl).toBe('/defs.json');
    expect(options.client).toEqual({ projectKey: 'pk_a' });
  });

  it('pick the string set by the language of the locale, English for the others, strings given in init() first', () => {
    const strings = (locale?: string, given?: object) => readScriptOptions({ projectKey: 'pk', ...(locale && { locale }) }, '', { widget: given && { strings: given } }).widget.strings;
    expect(strings('pt-BR')).toBe(ptBR);
    expect(strings('pt-PT')).toBe(ptBR);
    expect(strings('DE-at')).toBe(de);
    expect(strings('en-GB')).toBeUndefined();
    expect(strings('zh')).toBeUndefined();
    expect(strings()).toBeUndefined();
    const own = { title: 'Mein Weg' };
    expect(strings('de', own)).toBe(own);
  });
});
