import type { Ctx } from './ctx';
import { ShareMenu } from './ShareMenu';

/**
 * The toast's Share button, when the `share` option is set: the Web Share API where the browser has it
 * (`navigator.share`, with the pre-filled line), else LinkedIn's share link and Copy link (the line and the URL).
 * Where the clipboard is refused, the line is shown, selected, to copy by hand. Each share tracks `waymark_shared`.
 *
 * @example
 * <Share c={c} id="level:power-user" title="Power User" />
 */
export const Share = ({ c, id, title }: { c: Ctx; id: string; title: string }) => {
  const share = c.o.share;
  if (!share) return null;
  const { t, s } = c;
  const product = share.name || new URL(share.url).hostname;
  const text = t('shareText', { title, product });
  const line = `${text} ${share.url}`;
  const shared = (via: string) => {
    try {
      c.wm.track('waymark_shared', { achievement: id, via });
    } catch {
      // Tracking is a courtesy to the host's analytics; the share itself goes on.
    }
  };
  const nav = globalThis.navigator as Navigator | undefined;
  const start = () => {
    if (typeof nav?.share !== 'function') {
      s.share.value = s.share.value ? '' : 'menu';
      return;
    }
    nav.share({ title: text, text, url: share.url }).then(
      () => shared('native'),
      (e: Error) => {
        // Cancelled by the user: nothing to do. Refused (no user activation, a policy): the links instead.
        if (e?.name !== 'AbortError') s.share.value = 'menu';
      },
    );
  };
  const state = s.share.value;
  return (
    <div class="sh">
      <button
        class="lnk"
        type="button"
        aria-expanded={typeof nav?.share === 'function' ? undefined : !!state}
        onClick={start}
      >
        {t('share')}
      </button>
      {/* The choices on a row of their own under the button, so that they read as its menu. */}
      {state && <ShareMenu c={c} url={share.url} line={line} shared={shared} />}
    </div>
  );
};
