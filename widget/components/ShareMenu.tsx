import type { Ctx } from './ctx';
import { linkedInUrl } from './linkedInUrl';

/**
 * Share's choices where the browser has no Web Share API (or refused it): LinkedIn's share link and Copy link (`line`,
 * the pre-filled text and `url`). Where the clipboard is refused, the line is shown, selected, to copy by hand.
 * `shared` tracks the way it went.
 *
 * @example
 * <ShareMenu c={c} url="https://acme.example" line="I reached Power User in Acme https://acme.example" shared={(via) => track(via)} />
 */
export const ShareMenu = ({
  c,
  url,
  line,
  shared,
}: {
  c: Ctx;
  url: string;
  line: string;
  shared: (via: string) => void;
}) => {
  const { t, s } = c;
  const nav = globalThis.navigator as Navigator | undefined;
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
    <div class="sm">
      <a href={linkedInUrl(url)} target="_blank" rel="noopener noreferrer" onClick={() => shared('linkedin')}>
        {t('shareLinkedIn')}
      </a>
      <button type="button" onClick={copy} aria-live="polite">
        {state === 'copied' ? t('copied') : t('copyLink')}
      </button>
      {state === 'failed' && (
        <input class="cp" readOnly value={line} aria-label={t('copyLink')} ref={(el) => el?.select()} />
      )}
    </div>
  );
};
