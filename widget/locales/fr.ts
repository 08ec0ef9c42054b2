import type { WidgetStrings } from '../types';

/**
 * French (vous). Pass it with `locale: 'fr'` (or `fr-CA`, `fr-BE`…): `mountWidget(wm, { locale: 'fr', strings: fr })`.
 * French typography: a no-break space before `:` and `!`.
 *
 * @example
 * import { fr } from 'waymark/widget/locales';
 */
export const fr: WidgetStrings = {
  title: 'Votre progression',
  launcher: {
    plural: 'achieved',
    one: 'Votre progression\u00a0: {achieved} étape atteinte sur {total}',
    other: 'Votre progression\u00a0: {achieved} étapes atteintes sur {total}',
  },
  summary: {
    plural: 'achieved',
    one: '{achieved} étape atteinte sur {total}',
    other: '{achieved} étapes atteintes sur {total}',
  },
  close: 'Fermer',
  level: '{title} · {achieved} sur {total}',
  other: 'Étapes',
  count: '{current} / {target}',
  locked: 'Se débloque après\u00a0: {list}',
  achieved: 'Atteinte le {date}',
  overdue: 'Un peu en retard, mais encore à votre portée',
  due: 'Objectif\u00a0: {date}',
  upNext: 'Prochaine étape',
  upNextLine: 'Prochaine étape\u00a0: {title}',
  allDone: 'Tout est fait\u00a0!',
  allDoneText: 'Vous avez atteint toutes les étapes. Bravo.',
  roi: 'Temps gagné\u00a0: ≈\u00a0{time}',
  roiMoney: 'Temps gagné\u00a0: ≈\u00a0{time} · {money}',
  typical: 'Les équipes comme la vôtre y arrivent en semaine {week}',
  ahead: 'Plus rapide que {percent} des équipes',
  overallAhead: 'Au total, vous devancez {percent} des équipes',
  overallPace: {
    plural: 'typical',
    one: 'À ce stade, la plupart des équipes ont atteint {typical} étape\u00a0; vous en avez {achieved}',
    other: 'À ce stade, la plupart des équipes ont atteint {typical} étapes\u00a0; vous en avez {achieved}',
  },
  badges: 'Badges',
  notEarned: '{name} (pas encore obtenu)',
  celebrated: 'Étape atteinte\u00a0: {title}',
  celebratedMany: 'Étapes atteintes\u00a0: {list}',
  levelComplete: 'Niveau terminé\u00a0: {title}',
  badgeEarned: { plural: 'count', one: 'Badge obtenu\u00a0: {name}', other: 'Badges obtenus\u00a0: {name}' },
  dismiss: 'Masquer',
  empty: 'Vos étapes apparaîtront ici.',
  progressTab: 'Progression',
  journeyTab: 'Votre parcours',
  journeyTotal: 'Temps gagné depuis vos débuts\u00a0: ≈\u00a0{time}',
  journeyTotalMoney: 'Temps gagné depuis vos débuts\u00a0: ≈\u00a0{time} · {money}',
  journeyLevel: 'Niveau terminé',
  journeyEmpty: 'Ce que vous accomplissez apparaîtra ici, avec le jour où vous l’avez fait.',
  share: 'Partager',
  shareLinkedIn: 'Partager sur LinkedIn',
  copyLink: 'Copier le lien',
  copied: 'Copié',
  shareText: 'Je viens d’atteindre {title} dans {product}',
};
