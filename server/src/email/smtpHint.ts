/** Node's TLS verification codes, as nodemailer passes them on in `originalCode`. */
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/**
 * What to do about a failed SMTP send, where the error alone does not say: a TLS certificate refused during STARTTLS
 * is most often a local mail catcher's (smtp-server's built-in certificate has expired; MailHog-likes sign their
 * own), and the fix is in the `smtp` URL. Answers `''` for every other error.
 *
 * @example
 * smtpHint({ code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' });
 * // " (the SMTP server's TLS certificate was refused: for a local mail catcher, add ?ignoreTLS=true to email.smtp, …)"
 */
export function smtpHint(error: { code?: string; originalCode?: string }): string {
  if (!CERTIFICATE.test(error.originalCode ?? error.code ?? '')) return '';
  return " (the SMTP server's TLS certificate was refused: for a local mail catcher, add ?ignoreTLS=true to email.smtp, as in smtp://127.0.0.1:2525?ignoreTLS=true, or turn STARTTLS off in the catcher)";
}
