import type { WidgetStrings } from '../types';

/**
 * Japanese (です・ます). Pass it with `locale: 'ja'`: `mountWidget(wm, { locale: 'ja', strings: ja })`. Japanese has
 * one plural form, so every string is a plain template.
 *
 * @example
 * import { ja } from 'waymark/widget/locales';
 */
export const ja: WidgetStrings = {
  title: 'あなたの進捗',
  launcher: 'あなたの進捗：{total}件中{achieved}件のマイルストーンを達成',
  summary: '{total}件中{achieved}件のマイルストーンを達成',
  close: '閉じる',
  level: '{title} · {total}件中{achieved}件',
  other: 'マイルストーン',
  count: '{current} / {target}',
  locked: '{list}の達成後に解除されます',
  achieved: '{date}に達成',
  overdue: '予定より少し遅れていますが、まだ十分に間に合います',
  due: '目標：{date}',
  upNext: '次のステップ',
  upNextLine: '次のステップ：{title}',
  allDone: 'すべて達成しました！',
  allDoneText: 'すべてのマイルストーンを達成しました。お見事です。',
  roi: '約{time}の節約',
  roiMoney: '約{time}の節約 · {money}',
  typical: '同じようなチームは{week}週目までに達成しています',
  ahead: '{percent}のチームより早く達成しました',
  overallAhead: '全体で{percent}のチームより先を進んでいます',
  overallPace: '同じ段階のチームの多くは現在{typical}件達成しています。あなたは{achieved}件です',
  badges: 'バッジ',
  notEarned: '{name}（未獲得）',
  celebrated: 'マイルストーン達成：{title}',
  celebratedMany: 'マイルストーン達成：{list}',
  levelComplete: 'レベルクリア：{title}',
  badgeEarned: 'バッジ獲得：{name}',
  dismiss: '閉じる',
  empty: 'ここにマイルストーンが表示されます。',
  progressTab: '進捗',
  journeyTab: 'これまでの歩み',
  journeyTotal: '開始から約{time}を節約',
  journeyTotalMoney: '開始から約{time}を節約 · {money}',
  journeyLevel: 'レベルクリア',
  journeyEmpty: '達成したことが、その日付とともにここに表示されます。',
  share: 'シェア',
  shareLinkedIn: 'LinkedInでシェア',
  copyLink: 'リンクをコピー',
  copied: 'コピーしました',
  shareText: '{product}で「{title}」を達成しました',
};
