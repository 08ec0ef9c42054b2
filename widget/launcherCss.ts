// One rule per line keeps this readable and still gzips well. Two parts: what the launcher needs (here, up front), and
// the rest, which comes with the panel in the views' chunk (panelCss.ts; inline elements take both).
// A toast while the panel is open goes beside it, or above it (the panel shortened) where there is no room beside it,
// never over it (panelCss.ts). The launcher sits --waymark-offset-bottom and --waymark-offset-side (20px) from the
// viewport's corner, so that a host can move it off its own fixed UI; the panel and the toasts keep 12px above it.
// Sizes are in px, never rem: a host page's root font-size must not scale the widget. `all:initial` on `.wm` stops
// inherited host CSS at the shadow boundary; custom properties (--waymark-*) still inherit.
const dark =
  '--bg:var(--waymark-bg,#1b1c22);--fg:var(--waymark-fg,#ecedf3);--mu:var(--waymark-muted,#a6aab8);--bd:#30323d;--tr:#2e3040;--ok:#4cc38a;--wa:#f0b45a;--sh:0 20px 50px #0008,0 2px 8px #0006;--af:color-mix(in srgb,var(--a) 70%,#fff);color-scheme:dark';

/** The launcher's styles: the theme, the host-CSS reset and the ring button. */
export const launcherCss = `:host{display:block}
:host([data-waymark-widget]){all:initial!important;display:contents!important}
.wm{all:initial;--a:var(--waymark-accent,#5b5bd6);--af:var(--a);--on:var(--waymark-on-accent,#fff);--bg:var(--waymark-bg,#fff);--fg:var(--waymark-fg,#1f2330);--mu:var(--waymark-muted,#5d6272);--bd:#e6e7ee;--tr:#e9eaf0;--ok:#1a7f4b;--wa:#9a5b00;--r:var(--waymark-radius,16px);--z:var(--waymark-z,2147483000);--ob:var(--waymark-offset-bottom,20px);--os:var(--waymark-offset-side,20px);--sh:0 20px 50px #14163233,0 2px 8px #14163214;display:block;font:400 14px/1.45 var(--waymark-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--fg);text-align:left;color-scheme:light}
.wm.dark{${dark}}
.wm *{box-sizing:border-box;margin:0;padding:0;border:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none;text-decoration:none;list-style:none;background:none}
.wm button{cursor:pointer}
.wm :focus-visible{outline:2px solid var(--af);outline-offset:2px}
.wm svg{display:block;width:100%;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.in{display:inline-block}
.lc{position:fixed;bottom:var(--ob);right:var(--os);z-index:var(--z);background:var(--bg);box-shadow:var(--sh)}
.bl>*{right:auto;left:var(--os)}
.lc{width:60px;height:60px;border-radius:50%;display:grid;place-items:center;color:var(--af);transition:transform .15s}
.lc:hover{transform:translateY(-2px)}
.lc>*{grid-area:1/1}
.lc .rg{height:100%;padding:8%;transform:rotate(-90deg);stroke-width:4}
.rg circle{stroke:var(--tr)}
.rg circle+circle{stroke:var(--af);transition:stroke-dashoffset .6s}
.fl{width:37%}
.in .lc{position:static;width:44px;height:44px;box-shadow:none;border:1px solid var(--bd)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (prefers-reduced-motion:reduce){.wm *{animation:none!important;transition:none!important}}`;
