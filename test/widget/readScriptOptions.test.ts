import { describe, expect, it } from 'vitest';
import { de, fr, ptBR } from '../../widget/locales/index';
import { readScriptOptions } from '../../widget/script/readScriptOptions';

describe("the script tag's options", () => {
  it('come from the data- attributes', () => {
    const data = {
      projectKey: 'pk_a',
      endpoint: '/api',
      userId: 'u_1',
      consent: 'pending',
      milestones: '/m.json',
      position: 'bottom-left',
      locale: 'de',
      accent: '#0f766e',
      colorScheme: 'dark',
    };
    expect(readScriptOptions(data, 'n0nce', {}, { locale: 'de', strings: de })).toEqual({
      client: { projectKey: 'pk_a', endpoint: '/api', userId: 'u_1', consent: 'pending' },
      widget: {
        position: 'bottom-left',
        locale: 'de',
        strings: de,
        theme: { accent: '#0f766e', colorScheme: 'dark' },
        nonce: 'n0nce',
      },
      milestonesUrl: '/m.json',
      launcher: true,
    });
  });

  it("init()'s options win over the attributes; inline milestones mean no URL is fetched", () => {
    const milestones = [{ id: 'a', title: 'A', rule: { event: 'a' } }];
    const options = readScriptOptions(
      { projectKey: 'pk_a', endpoint: '/api', milestones: '/m.json', locale: 'de' },
      '',
      { projectKey: 'pk_b', endpoint: '/other', milestones, launcher: false, widget: { locale: 'fr' } },
      { locale: 'fr', strings: fr },
    );
    expect(options.client).toEqual({ projectKey: 'pk_b', endpoint: '/other', milestones });
    expect(options.widget.locale).toBe('fr');
    expect(options.widget.strings).toBe(fr);
    expect(options.widget.nonce).toBeUndefined();
    expect(options.milestonesUrl).toBeUndefined();
    expect(options.launcher).toBe(false);
  });

  it('data-launcher="false" mounts no launcher; milestonesUrl names the definitions to fetch', () => {
    const options = readScriptOptions({ projectKey: 'pk_a', launcher: 'false' }, undefined, {
      milestonesUrl: '/defs.json',
    });
    expect(options.launcher).toBe(false);
    expect(options.milestonesUrl).toBe('/defs.json');
    expect(options.client).toEqual({ projectKey: 'pk_a' });
  });

  it("use the file's one string set for a locale in its language (any region), English for the others, strings given in init() first", () => {
    const widget = (carried: Parameters<typeof readScriptOptions>[3], locale?: string, given?: object) =>
      readScriptOptions(
        { projectKey: 'pk', ...(locale && { locale }) },
        '',
        { widget: given && { strings: given } },
        carried,
      ).widget;
    const pt = { locale: 'pt-BR', strings: ptBR };
    const german = { locale: 'de', strings: de };
    expect(widget(pt, 'pt-BR').strings).toBe(ptBR);
    expect(widget(pt, 'pt-PT').strings).toBe(ptBR);
    expect(widget(german, 'DE-at')).toMatchObject({ locale: 'DE-at', strings: de });
    // The file's own language when nothing names one.
    expect(widget(german)).toMatchObject({ locale: 'de', strings: de });
    // Another language than the file's: English words (the widget reports the locale without strings).
    expect(widget(german, 'fr').strings).toBeUndefined();
    expect(widget(german, 'en-GB').strings).toBeUndefined();
    // The English file carries no other set.
    expect(widget(undefined, 'de').strings).toBeUndefined();
    expect(widget(undefined)).toMatchObject({ locale: undefined, strings: undefined });
    const own = { title: 'Mein Weg' };
    expect(widget(german, 'de', own).strings).toBe(own);
  });
});
