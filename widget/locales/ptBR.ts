import type { WidgetStrings } from '../types';

/**
 * Brazilian Portuguese (você). Pass it with `locale: 'pt-BR'`: `mountWidget(wm, { locale: 'pt-BR', strings: ptBR })`.
 *
 * @example
 * import { ptBR } from 'waymark/widget/locales';
 */
export const ptBR: WidgetStrings = {
  title: 'Seu progresso',
  launcher: {
    plural: 'total',
    one: 'Seu progresso: {achieved} de {total} marco alcançado',
    other: 'Seu progresso: {achieved} de {total} marcos alcançados',
  },
  summary: {
    plural: 'total',
    one: '{achieved} de {total} marco alcançado',
    other: '{achieved} de {total} marcos alcançados',
  },
  close: 'Fechar',
  level: '{title} · {achieved} de {total}',
  other: 'Marcos',
  count: '{current} / {target}',
  locked: 'Desbloqueia depois de: {list}',
  achieved: 'Alcançado em {date}',
  overdue: 'Um pouco atrasado, mas ainda ao seu alcance',
  due: 'Meta: {date}',
  upNext: 'A seguir',
  upNextLine: 'A seguir: {title}',
  allDone: 'Tudo pronto!',
  allDoneText: 'Você alcançou todos os marcos. Mandou bem!',
  roi: 'Tempo economizado: ≈ {time}',
  roiMoney: 'Tempo economizado: ≈ {time} · {money}',
  typical: 'Equipes como a sua chegam aqui até a semana {week}',
  ahead: 'Você chegou aqui mais rápido que {percent} das equipes',
  overallAhead: 'No geral, você está à frente de {percent} das equipes',
  overallPace: {
    plural: 'typical',
    one: 'A maioria das equipes na sua fase tem {typical} marco a esta altura; você tem {achieved}',
    other: 'A maioria das equipes na sua fase tem {typical} marcos a esta altura; você tem {achieved}',
  },
  badges: 'Selos',
  notEarned: '{name} (ainda não conquistado)',
  celebrated: 'Marco alcançado: {title}',
  celebratedMany: 'Marcos alcançados: {list}',
  levelComplete: 'Nível concluído: {title}',
  badgeEarned: { plural: 'count', one: 'Selo conquistado: {name}', other: 'Selos conquistados: {name}' },
  dismiss: 'Dispensar',
  empty: 'Seus marcos aparecerão aqui.',
  progressTab: 'Progresso',
  journeyTab: 'Sua jornada',
  journeyTotal: 'Tempo economizado desde que você começou: ≈ {time}',
  journeyTotalMoney: 'Tempo economizado desde que você começou: ≈ {time} · {money}',
  journeyLevel: 'Nível concluído',
  journeyEmpty: 'O que você conquistar vai aparecer aqui, com o dia em que conseguiu.',
  share: 'Compartilhar',
  shareLinkedIn: 'Compartilhar no LinkedIn',
  copyLink: 'Copiar link',
  copied: 'Copiado',
  shareText: 'Acabei de alcançar {title} no {product}',
};
