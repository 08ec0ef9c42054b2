import { describe, expect, it } from 'vitest';
import { createFormat } from '../../widget/strings';

describe('createFormat', () => {
  it('fills templates, formatting numbers for the locale', () => {
    const t = createFormat('de-DE');
    expect(t('count', { current: 1200, target: 2000 })).toBe('1.200 / 2.000');
    expect(createFormat('en-US')('level', { title: 'Getting started', achieved: 2, total: 3 })).toBe(
      'Getting started · 2 of 3',
    );
  });

  it('lets every string be replaced, by a template or by a function (for plurals)', () => {
    const plural = new Intl.PluralRules('en');
    const t = createFormat('en', {
      close: 'Schließen',
      summary: ({ achieved }) =>
        plural.select(Number(achieved)) === 'one' ? '1 milestone done' : `${achieved} milestones done`,
    });
    expect(t('close')).toBe('Schließen');
    expect(t('summary', { achieved: 1, total: 3 })).toBe('1 milestone done');
    expect(t('summary', { achieved: 2, total: 3 })).toBe('2 milestones done');
  });

  it('formats time saved with localised, pluralised units', () => {
    expect(createFormat('en-US').minutes(45)).toBe('45 minutes');
    expect(createFormat('en-US').minutes(1)).toBe('1 minute');
    expect(createFormat('en-US').minutes(4980)).toBe('83 hours');
    expect(createFormat('en-US').minutes(90)).toBe('1.5 hours');
    expect(createFormat('de-DE').minutes(4980)).toBe('83 Stunden');
  });

  it('formats money, dates, percentages and lists with Intl', () => {
    const t = createFormat('en-US');
    expect(t.money(4150, 'USD')).toBe('$4,150');
    expect(createFormat('de-DE').money(4150, 'EUR')).toBe('4.150\u00a0€');
    expect(t.date(Date.UTC(2026, 10, 11, 12))).toBe('Nov 11, 2026');
    expect(t.pct(80)).toBe('80%');
    expect(t.list(['A', 'B', 'C'])).toBe('A, B, and C');
  });

  it('falls back instead of throwing on a bad locale or currency', () => {
    const t = createFormat('not a locale!!');
    expect(t('count', { current: 1, target: 2 })).toBe('1 / 2');
    expect(createFormat('en-US').money(10, 'not-a-currency')).toBe('10 not-a-currency');
    const broken = createFormat('en', {
      close: () => {
        throw new Error('x');
      },
    });
    expect(broken('close')).toBe('');
  });
});
