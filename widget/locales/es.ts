import type { WidgetStrings } from '../types';

/**
 * Spanish (tú). Pass it with `locale: 'es'` (or `es-MX`, `es-419`…): `mountWidget(wm, { locale: 'es', strings: es })`.
 *
 * @example
 * import { es } from 'waymark/widget/locales';
 */
export const es: WidgetStrings = {
  title: 'Tu progreso',
  launcher: {
    plural: 'total',
    one: 'Tu progreso: {achieved} de {total} hito logrado',
    other: 'Tu progreso: {achieved} de {total} hitos logrados',
  },
  summary: {
    plural: 'total',
    one: '{achieved} de {total} hito logrado',
    other: '{achieved} de {total} hitos logrados',
  },
  close: 'Cerrar',
  level: '{title} · {achieved} de {total}',
  other: 'Hitos',
  count: '{current} / {target}',
  locked: 'Se desbloquea después de: {list}',
  achieved: 'Logrado el {date}',
  overdue: 'Un poco atrasado, pero aún a tu alcance',
  due: 'Objetivo: {date}',
  upNext: 'A continuación',
  upNextLine: 'A continuación: {title}',
  allDone: '¡Todo listo!',
  allDoneText: 'Has logrado todos los hitos. ¡Buen trabajo!',
  roi: 'Tiempo ahorrado: ≈ {time}',
  roiMoney: 'Tiempo ahorrado: ≈ {time} · {money}',
  typical: 'Los equipos como el tuyo lo logran en la semana {week}',
  ahead: 'Lo lograste más rápido que el {percent} de los equipos',
  overallAhead: 'En total, vas por delante del {percent} de los equipos',
  overallPace: {
    plural: 'typical',
    one: 'La mayoría de los equipos en tu etapa tiene {typical} hito a estas alturas; tú tienes {achieved}',
    other: 'La mayoría de los equipos en tu etapa tiene {typical} hitos a estas alturas; tú tienes {achieved}',
  },
  badges: 'Insignias',
  notEarned: '{name} (aún no conseguida)',
  celebrated: 'Hito logrado: {title}',
  celebratedMany: 'Hitos logrados: {list}',
  levelComplete: 'Nivel completado: {title}',
  badgeEarned: { plural: 'count', one: 'Insignia conseguida: {name}', other: 'Insignias conseguidas: {name}' },
  dismiss: 'Descartar',
  empty: 'Tus hitos aparecerán aquí.',
  progressTab: 'Progreso',
  journeyTab: 'Tu recorrido',
  journeyTotal: 'Tiempo ahorrado desde que empezaste: ≈ {time}',
  journeyTotalMoney: 'Tiempo ahorrado desde que empezaste: ≈ {time} · {money}',
  journeyLevel: 'Nivel completado',
  journeyEmpty: 'Lo que logres aparecerá aquí, con el día en que lo hiciste.',
  share: 'Compartir',
  shareLinkedIn: 'Compartir en LinkedIn',
  copyLink: 'Copiar enlace',
  copied: 'Copiado',
  shareText: 'Acabo de lograr {title} en {product}',
};
