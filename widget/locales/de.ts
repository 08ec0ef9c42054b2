import type { WidgetStrings } from '../types';

/**
 * German (du). Pass it with `locale: 'de'` (or `de-AT`, `de-CH`): `mountWidget(wm, { locale: 'de', strings: de })`.
 *
 * @example
 * import { de } from 'waymark/widget/locales';
 */
export const de: WidgetStrings = {
  title: 'Dein Fortschritt',
  launcher: {
    plural: 'total',
    one: 'Dein Fortschritt: {achieved} von {total} Meilenstein erreicht',
    other: 'Dein Fortschritt: {achieved} von {total} Meilensteinen erreicht',
  },
  summary: {
    plural: 'total',
    one: '{achieved} von {total} Meilenstein erreicht',
    other: '{achieved} von {total} Meilensteinen erreicht',
  },
  close: 'Schließen',
  level: '{title} · {achieved} von {total}',
  other: 'Meilensteine',
  count: '{current} / {target}',
  locked: 'Wird freigeschaltet nach: {list}',
  achieved: 'Erreicht am {date}',
  overdue: 'Etwas hinter dem Plan, aber gut zu schaffen',
  due: 'Ziel: {date}',
  upNext: 'Als Nächstes',
  upNextLine: 'Als Nächstes: {title}',
  allDone: 'Alles geschafft!',
  allDoneText: 'Du hast jeden Meilenstein erreicht. Stark!',
  roi: '≈ {time} gespart',
  roiMoney: '≈ {time} gespart · {money}',
  typical: 'Teams wie deins schaffen das bis Woche {week}',
  ahead: 'Du warst schneller als {percent} der Teams',
  overallAhead: 'Insgesamt bist du {percent} der Teams voraus',
  overallPace: {
    plural: 'typical',
    one: 'Die meisten Teams in deiner Phase haben jetzt {typical} Meilenstein; du hast {achieved}',
    other: 'Die meisten Teams in deiner Phase haben jetzt {typical} Meilensteine; du hast {achieved}',
  },
  badges: 'Abzeichen',
  notEarned: '{name} (noch nicht verdient)',
  celebrated: 'Meilenstein erreicht: {title}',
  celebratedMany: 'Meilensteine erreicht: {list}',
  levelComplete: 'Stufe abgeschlossen: {title}',
  badgeEarned: 'Abzeichen verdient: {name}',
  dismiss: 'Ausblenden',
  empty: 'Hier erscheinen deine Meilensteine.',
  progressTab: 'Fortschritt',
  journeyTab: 'Dein Weg',
  journeyTotal: 'Seit deinem Start: ≈ {time} gespart',
  journeyTotalMoney: 'Seit deinem Start: ≈ {time} gespart · {money}',
  journeyLevel: 'Stufe abgeschlossen',
  journeyEmpty: 'Was du erreichst, erscheint hier, mit dem Tag, an dem du es geschafft hast.',
  share: 'Teilen',
  shareLinkedIn: 'Auf LinkedIn teilen',
  copyLink: 'Link kopieren',
  copied: 'Kopiert',
  shareText: 'Ich habe gerade {title} in {product} erreicht',
};
