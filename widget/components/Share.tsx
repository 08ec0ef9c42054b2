import type { Ctx } from './ctx';

/**
 * LinkedIn's share link for `url` (its share-offsite page takes only the URL, and shows that page's preview).
 *
 * @example
 * linkedInUrl('https://acme.example'); // 'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.example'
 */
export const linkedInUrl = (url: string) =>
  'https://www.linkedin.com/sharing/share-offsite/?url=' + encodeURIComponent(url);

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
  const copy = () => {
    const done = (ok: boolean) => {
      s.share.value = ok ? 'copied' : 'failed';
      if (ok) shared('copy');
    };
    if (!nav?.clipboard?.writeText) return done(false);
    nav.clipboard.writeText(line).then(
      () => done(true),
      () => done(false),
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
      {state && (
        <div class="sm">
          <a href={linkedInUrl(share.url)} target="_blank" rel="noopener noreferrer" onClick={() => shared('linkedin')}>
            {t('shareLinkedIn')}
          </a>
          <button type="button" onClick={copy} aria-live="polite">
            {state === 'copied' ? t('copied') : t('copyLink')}
          </button>
          {state === 'failed' && (
            <input class="cp" readOnly value={line} aria-label={t('copyLink')} ref={(el) => el?.select()} />
          )}
        </div>
      )}
    </div>
  );
};
