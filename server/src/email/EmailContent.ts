/** Which email: a user's celebration, a team announcement, or the weekly digest. */
export type EmailKind = 'celebration' | 'team' | 'digest';

/** One line of a list in an email: something achieved. */
export interface EmailItem {
  icon: string;
  title: string;
  /** A badge earned, an ROI line, a count. */
  detail?: string;
}

/**
 * What one email says, decided when it is queued and stored with it (`waymark_emails.content`), so a retry sends
 * the same email. Rendered to HTML and text at sending time, with the unsubscribe link.
 */
export interface EmailContent {
  kind: EmailKind;
  subject: string;
  /** The line mail clients show after the subject. */
  preheader: string;
  /** The small line above the headline ("Milestone reached"). */
  eyebrow: string;
  headline: string;
  /** The milestone's description, or a sentence of context. */
  body?: string;
  badge?: { icon: string; name?: string; label: string };
  /** "≈ 83 hours saved · $2,490". */
  roi?: string;
  /** The digest: what the user achieved. */
  items?: EmailItem[];
  /** The digest: what the team achieved. */
  team?: { heading: string; items: EmailItem[] };
  /** The call to action: the next milestone's step, or the app. */
  cta?: { lead?: string; label: string; href: string };
  /** Why this address gets it ("You get this because you use Acme."). */
  why: string;
}
