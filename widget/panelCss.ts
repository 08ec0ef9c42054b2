// In the views' chunk (views.tsx), so that a host's first bundle carries the launcher's styles only.
// The panel and the toast share one fixed box (.sk, App.tsx), so that neither is ever drawn over the other: side by
// side where there is room for both (a row, the toast nearer the middle, bottoms aligned), else a column with the
// toast at the top and the panel, shortened, below it. The toast leaves the panel at least 150px, its header with the
// close button (the gap is 12px), and scrolls on a screen too short for both. An inline launcher's box is placed by
// placeStack.ts while its panel is open (on the launcher's side of the window, the toast first in it at any width);
// closed, its toasts show in the floating launcher's corner. That box is a popover (App.tsx): `inset`, `height` and
// `overflow` here undo what browsers give a popover (centred, as tall as its content, scrolling).
// Emoji tiles (.i, and the journey's .dot when it holds a badge) are drawn on --tb: the surface in the light scheme, a
// light grey in the dark one, because colour emoji are drawn for light backgrounds: 🎓 is a dark glyph, and on the
// dark scheme's dark tiles it all but disappeared (test/browser/emojiTiles.test.ts).
// On a phone, the toast's call to action spans the toast, out under the emoji tile and its gap (62px) and the close
// button and its gap (46px): in the text column alone (220px at 390px) a label of some 25 characters broke in two.
// It is always below the tile, with the headline, "Up next" and the milestone above it.

/** The rest: panel, toast and inline elements. The whole widget adopts `launcherCss + panelCss`. */
export const panelCss = `
.wm{--tb:var(--bg)}
.dark{--tb:#d5d7e3}
.el{background:var(--bg);border:1px solid var(--bd);border-radius:var(--r);padding:14px 18px}
.sk{position:fixed;inset:16px var(--os) calc(var(--ob) + 72px) auto;height:auto;overflow:visible;z-index:var(--z);display:flex;flex-direction:column;justify-content:flex-end;gap:12px;pointer-events:none}
.bl>*{right:auto;left:var(--os)}
.sk>*{pointer-events:auto}
.pn,.ts{background:var(--bg);box-shadow:var(--sh);width:min(384px,calc(100vw - var(--os) - 12px));border:1px solid var(--bd);border-radius:var(--r)}
.pn{max-height:min(640px,calc(100vh - var(--ob) - 96px));display:flex;flex-direction:column;overflow:hidden;animation:wm-in .2s ease-out}
.in .pn{max-height:min(640px,100%)}
.in .pn+.ts{order:-1;max-height:calc(100% - 162px);overflow:auto}
.pn:focus{outline:0}
.hd{display:flex;gap:12px;padding:18px 14px 16px 20px;border-bottom:1px solid var(--bd)}
.wm h2{font-size:17px;font-weight:650;line-height:1.25}
.hd>div{flex:1}
.sub{font-size:13px;color:var(--mu);margin-top:2px}
.hb{height:6px;margin-top:10px}
.tabs{display:flex;gap:4px;margin-top:2px;padding:3px;border-radius:10px;background:var(--tr)}
.hd{flex-wrap:wrap}
.hd>.tabs{order:2;flex:0 0 calc(100% - 6px)}
.tabs button{flex:1;padding:6px 10px;border-radius:8px;font-size:13px;font-weight:600;color:var(--mu)}
.tabs [aria-selected=true]{background:var(--bg);color:var(--fg);box-shadow:0 1px 3px #0003}
.bd:focus-visible{outline-offset:-2px}
.jt{padding:12px 14px;border-radius:12px;background:color-mix(in srgb,var(--ok) 13%,var(--bg));font-weight:600}
.tl{margin-top:18px}
.te{display:grid;grid-template-columns:32px 1fr;gap:0 12px;padding-bottom:16px;position:relative}
.te:before{content:"";position:absolute;left:15px;top:36px;bottom:4px;width:2px;border-radius:2px;background:var(--bd)}
.te:last-child:before{display:none}
.dot{width:32px;height:32px;border-radius:50%;display:grid;place-items:center;font-size:16px;line-height:1}
.dot,.i{background:color-mix(in srgb,var(--a) 14%,var(--tb))}
.dot:has(svg){--tb:var(--bg)}
.dot svg{width:16px;color:var(--ok);stroke-width:3}
.lvl .dot,.lv-done .i{background:linear-gradient(135deg,color-mix(in srgb,var(--a) 28%,var(--tb)),color-mix(in srgb,#f5a524 30%,var(--tb)))}
.te time{display:block;font-size:12px;color:var(--mu);margin-top:1px}
.sh{margin-top:12px}
.lnk{font-size:13px;font-weight:600;color:var(--af);padding:2px 0}
.lnk:hover{text-decoration:underline}
.sm{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.sm>a,.sm>button{padding:5px 10px;border:1px solid var(--bd);border-radius:8px;font-size:13px;font-weight:600;color:var(--af)}
.sm>a:hover,.sm>button:hover{background:var(--tr)}
.cp{width:100%;padding:6px 8px;border:1px solid var(--bd);border-radius:8px;font-size:12px;color:var(--fg)}
.sd{margin-top:10px;font-size:12.5px;color:var(--af);font-weight:550}
.sd li+li{margin-top:2px}
.x{flex:none;width:32px;height:32px;padding:8px;border-radius:8px;color:var(--mu)}
.hd>.x{order:1}
.x:hover{background:var(--tr);color:var(--fg)}
.bd{overflow:auto;padding:0 20px 20px;mask-image:linear-gradient(#000 calc(100% - 20px),#0000)}
.nx{margin-top:16px;padding:14px 16px;border-radius:12px;background:color-mix(in srgb,var(--a) 9%,var(--bg))}
.ey,.wm h3{font-size:11.5px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--mu);margin-bottom:4px}
.nt{font-weight:600;margin:2px 0 10px}
.btn{display:inline-flex;align-items:center;gap:6px;margin-top:10px;padding:8px 14px;border-radius:10px;background:var(--a);color:var(--on);font-size:13px;font-weight:600;line-height:1.3}
.nx .btn{margin:0}
.btn:hover{filter:brightness(1.1)}
.btn svg{width:14px}
.bd>*{margin-top:20px}
.ms{display:grid;grid-template-columns:24px 1fr;gap:0 12px;padding:12px 0;border-top:1px solid var(--bd)}
.ms:first-child{border:0}
.el>ul>.ms{padding:4px 0}
.st{width:24px;height:24px;padding:4px;border-radius:50%;border:2px solid var(--af);color:#fff}
.st svg{stroke-width:3.5}
.achieved .st{background:var(--ok);border-color:var(--ok)}
.locked .st{border-color:var(--tr);background:var(--tr);color:var(--mu);padding:3px}
.overdue .st{border-color:var(--wa)}
.tt{font-weight:600;line-height:1.35}
.locked .tt{color:var(--mu)}
.ds,.me{font-size:13px;color:var(--mu);margin-top:2px}
.row{display:flex;align-items:center;gap:10px;margin-top:8px}
.bar{flex:1;height:8px;border-radius:9px;background:var(--tr);overflow:hidden}
.bar>i{display:block;height:100%;width:calc(var(--p) * 100%);border-radius:9px;background:var(--af);transition:width .5s}
.achieved .bar>i{background:var(--ok)}
.locked .bar>i{background:var(--mu)}
.ct{font-size:12px;color:var(--mu);font-variant-numeric:tabular-nums}
.me{font-size:12.5px;margin-top:6px}
.v{color:var(--fg);font-weight:550}
.achieved .s{color:var(--ok);font-weight:550}
.overdue .s{color:var(--wa);font-weight:550}
.bg{display:grid;grid-template-columns:repeat(auto-fill,minmax(76px,1fr));gap:12px 8px;margin-top:10px}
.b{display:flex;flex-direction:column;align-items:center;gap:6px;text-align:center;font-size:12px;font-weight:550;line-height:1.25}
.i{flex:none;width:48px;height:48px;border-radius:50%;display:grid;place-items:center;font-size:24px;line-height:1}
.b .i{box-shadow:inset 0 0 0 2px color-mix(in srgb,var(--a) 35%,transparent)}
.off{color:var(--mu);font-weight:400}
.off .i{filter:grayscale(1);opacity:.5;background:var(--tr);box-shadow:none}
.dark .off .i{background:var(--tb)}
.ts{flex:none;display:flex;gap:14px;padding:16px 12px 16px 16px;animation:wm-pop .45s cubic-bezier(.2,1.3,.4,1)}
@media (min-width:820px){.sk{flex-direction:row-reverse;align-items:flex-end}.bl>.sk{flex-direction:row}}
@media (max-width:819px){.pn+.ts{order:-1;margin-bottom:auto;max-height:calc(100% - 162px);overflow:auto}}
.ts .i{border-radius:14px;font-size:26px}
.ts>div{flex:1;min-width:0}
.tn{margin-top:12px;padding-top:12px;border-top:1px solid var(--bd)}
.tn .nt{margin:2px 0 0}
@media (max-width:480px){.tn .btn{display:flex;justify-content:center;text-align:center;margin:10px -46px 0 -62px}}
.lv-done .i{box-shadow:inset 0 0 0 2px color-mix(in srgb,var(--a) 40%,transparent)}
.dn{display:flex;align-items:center;gap:14px}
.dn .nt{margin:0}
.dn .ds{margin:0}
.cf{position:fixed;top:0;left:0;width:100vw;height:100vh;pointer-events:none;z-index:2147483000}
@keyframes wm-in{from{opacity:0;transform:translateY(8px) scale(.98)}}
@keyframes wm-pop{from{opacity:0;transform:translateY(16px) scale(.92)}}`;
