import type { PluralCategory, PluralString, WidgetString, WidgetStrings } from './types';

/**
 * The English defaults; `strings` in the options replaces any of them, and `waymark/widget/locales` has whole sets in
 * other languages. A template's `{name}` is filled in (numbers formatted for the locale); a `PluralString` picks its
 * form by the number it names.
 */
export const defaultStrings = {
  title: 'Your progress',
  launcher: {
    plural: 'total',
    one: 'Your progress: {achieved} of {total} milestone achieved',
    other: 'Your progress: {achieved} of {total} milestones achieved',
  },
  summary: {
    plural: 'total',
    one: '{achieved} of {total} milestone achieved',
    other: '{achieved} of {total} milestones achieved',
  },
  close: 'Close',
  level: '{title} · {achieved} of {total}',
  other: 'Milestones',
  count: '{current} / {target}',
  locked: 'Unlocks after: {list}',
  achieved: 'Achieved {date}',
  overdue: 'A little behind plan, still well within reach',
  due: 'Aim for {date}',
  upNext: 'Up next',
  upNextLine: 'Up next: {title}',
  allDone: 'All done!',
  allDoneText: "You've achieved every milestone. Nicely done.",
  roi: '≈ {time} saved',
  roiMoney: '≈ {time} saved · {money}',
  typical: 'Teams like yours reach this by week {week}',
  ahead: 'You got here faster than {percent} of teams',
  overallAhead: "You're ahead of {percent} of teams overall",
  overallPace: {
    plural: 'typical',
    one: 'Most teams at your stage have {typical} milestone by now; you have {achieved}',
    other: 'Most teams at your stage have {typical} milestones by now; you have {achieved}',
  },
  badges: 'Badges',
  notEarned: '{name} (not earned yet)',
  celebrated: 'Milestone achieved: {title}',
  celebratedMany: 'Milestones achieved: {list}',
  levelComplete: 'Level complete: {title}',
  badgeEarned: { plural: 'count', one: 'Badge earned: {name}', other: 'Badges earned: {name}' },
  dismiss: 'Dismiss',
  empty: 'Milestones will appear here.',
  progressTab: 'Progress',
  journeyTab: 'Your journey',
  journeyTotal: 'Since you started: ≈ {time} saved',
  journeyTotalMoney: 'Since you started: ≈ {time} saved · {money}',
  journeyLevel: 'Level complete',
  journeyEmpty: 'What you achieve will appear here, with the day you did it.',
  share: 'Share',
  shareLinkedIn: 'Share on LinkedIn',
  copyLink: 'Copy link',
  copied: 'Copied',
  shareText: 'I just reached {title} in {product}',
};

export type Vars = Record<string, string | number>;

/** Formatting for one locale: templates, numbers, dates, money, durations, lists. */
export interface Format {
  (key: keyof WidgetStrings, vars?: Vars): string;
  date(ms: number): string;
  money(n: number, currency: string): string;
  minutes(n: number): string;
  list(items: string[]): string;
  pct(p: number): string;
}

// Intl throws RangeError on a malformed locale or currency; fall back rather than break the host.
const safe = <T>(make: (l?: string) => T, locale?: string): T => {
  try {
    return make(locale);
  } catch {
    return make();
  }
};

const isPlural = (s: WidgetString): s is PluralString =>
  typeof s === 'object' && s !== null && typeof s.other === 'string';

/**
 * Builds the formatter used by every component.
 *
 * @example
 * const t = createFormat('de', { close: 'Schließen' });
 * t('count', { current: 1200, target: 2000 }); // "1.200 / 2.000"
 */
export const createFormat = (locale?: string, strings: Partial<WidgetStrings> = {}): Format => {
  const nf = safe((l) => new Intl.NumberFormat(l), locale);
  const plurals = safe((l) => new Intl.PluralRules(l), locale);
  const fill = (template: string, vars: Vars) =>
    template.replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = vars[k];
      return typeof v === 'number' ? nf.format(v) : (v ?? '');
    });
  const t = ((key, vars = {}) => {
    const s: WidgetString = strings[key] ?? defaultStrings[key];
    try {
      if (typeof s === 'function') return String(s(vars));
      if (isPlural(s)) return fill(s[plurals.select(Number(vars[s.plural])) as PluralCategory] ?? s.other, vars);
      return fill(s, vars);
    } catch {
      return '';
    }
  }) as Format;
  t.date = (ms) => safe((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }), locale).format(ms);
  t.money = (n, currency) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
    } catch {
      return nf.format(Math.round(n)) + ' ' + currency;
    }
  };
  t.minutes = (m) => {
    const h = m >= 60;
    const v = h ? m / 60 : m;
    return safe(
      (l) =>
        new Intl.NumberFormat(l, {
          style: 'unit',
          unit: h ? 'hour' : 'minute',
          unitDisplay: 'long',
          maximumFractionDigits: v < 10 && h ? 1 : 0,
        }),
      locale,
    ).format(v);
  };
  t.list = (items) => safe((l) => new Intl.ListFormat(l, { type: 'conjunction' }), locale).format(items);
  t.pct = (p) => safe((l) => new Intl.NumberFormat(l, { style: 'percent' }), locale).format(p / 100);
  return t;
};
