/**
 * The `<script>` element of the script-tag build, found while it runs (`document.currentScript` is only set then):
 * its `data-` attributes configure the client and the widget, and its nonce is reused for the widget's fallback
 * `<style>`.
 *
 * @example
 * const key = ownScript?.dataset.projectKey;
 */
export const ownScript = (document.currentScript ??
  document.querySelector('script[data-project-key]') ??
  document.querySelector('script[src*="waymark"]')) as HTMLScriptElement | null;
