// Acme Projects: a mock product that uses waymark the way an app installed from npm does.
// Build: `node examples/app/build.mjs`; run with the backend on the same origin: `npm run demo`.
import { createWaymark, type LevelDefinition, type MilestoneDefinition, type Waymark } from 'waymark';
import { defaultStrings, defineElements, mountWidget, type WidgetHandle, type WidgetOptions } from 'waymark/widget';
import { createDemoClock } from './demoClock';
import definitions from './milestones.json';
import { mountMockApp } from './mockApp';

declare global {
  interface Window {
    /** For trying things in the console: `wm.milestones()`, `wm.track('task_added')`, `widget.open()`. */
    wm?: Waymark;
    widget?: WidgetHandle;
  }
}

interface Session {
  userId: string;
  accountId: string;
  email: string;
  token: string;
}
/** Who is signed in, their team, and a waymark token Acme's backend signed for them: rendered into the page. */
const session: Session = JSON.parse(document.querySelector<HTMLMetaElement>('meta[name=acme-session]')!.content);
/** A fresh token from Acme's backend, when the one in the page expired. */
const signIn = async (): Promise<Session> => (await fetch('/demo/session', { method: 'POST' })).json();

const clock = createDemoClock();
const wm = createWaymark({
  projectKey: 'pk_acme_demo',
  ...(definitions as { milestones: MilestoneDefinition[]; levels: LevelDefinition[] }),
  // The demo server answers /v1/batch and /v1/state on this origin. Without `endpoint`, nothing leaves the browser.
  endpoint: location.origin,
  // The backend requires identity: this user's events and state count only with the token Acme's backend signed.
  userId: session.userId,
  userToken: session.token,
  now: clock.now,
});
wm.group(session.accountId);
// The email trait is where waymark-server sends this user's celebrations and digests (the demo's inbox: /demo/mail).
wm.identify(session.userId, { email: session.email }, { token: session.token });
wm.on('error', async (e) => {
  // Tokens expire (here after an hour): the backend answered 401 and kept nothing; the events wait for a new token.
  if (e.code === 'identity_rejected' && e.userId === session.userId) {
    const fresh = await signIn();
    wm.identify(fresh.userId, undefined, { token: fresh.token });
    return;
  }
  console.warn(`[acme] waymark ${e.code}: ${e.message}`);
});
// A real product would send a nudge (an email, an in-app message) here.
wm.on('stalled', (m, info) => console.info(`[acme] stalled (${info.reason}): ${m.title}`));

const ui: WidgetOptions = { theme: { accent: '#4f46e5' } };
defineElements(wm, ui); // <waymark-checklist> in the sidebar, <waymark-progress> in the support inbox
const widget = mountWidget(wm, { ...ui, position: 'bottom-right' });
window.wm = wm;
window.widget = widget;

mountMockApp((event, properties) => wm.track(event, properties));
wm.track('session_started'); // once a visit (and once a demo day): feeds the 5-day streak

// The sidebar note for milestones past their `due` date (status "overdue"; `stalled` fired once for each). It words
// them as the widget does, with the widget's own string (the app mounts it in English, with no `strings` of its own),
// so the note and the checklist beside it say the same thing: "A little behind plan", not "overdue".
const note = document.getElementById('stalled-note')!;
let shown = '';
const renderNote = () => {
  const late = wm.milestones().filter((m) => m.status === 'overdue');
  const key = late.map((m) => m.id).join();
  if (key === shown) return; // the note is a live region: only touch it when it changes
  shown = key;
  note.hidden = !late.length;
  note.replaceChildren();
  const m = late[0];
  if (!m) return;
  note.append(`⏰ “${m.title}” · ${defaultStrings.overdue}. ${m.description ?? ''} `);
  if (m.next?.href) {
    const a = document.createElement('a');
    a.href = m.next.href;
    a.textContent = m.next.label;
    note.append(a);
  }
};
wm.subscribe(renderNote);

// The demo-clock bar is the app's own fixed UI at the bottom, as tall as its hint wraps: its height goes to
// --demo-bar-height, from which styles.css sets the widget's --waymark-offset-bottom (the launcher sits above the bar).
const bar = document.querySelector<HTMLElement>('.demo-bar')!;
const barHeight = () => document.documentElement.style.setProperty('--demo-bar-height', `${bar.offsetHeight}px`);
new ResizeObserver(barHeight).observe(bar);

const day = document.getElementById('demo-day')!;
const showDay = () => (day.textContent = `day ${clock.day()}`);
showDay();
document.getElementById('next-day')!.addEventListener('click', () => {
  clock.next();
  showDay();
  wm.track('session_started');
});
document.getElementById('start-over')!.addEventListener('click', async () => {
  await wm.reset(); // this browser's progress; the server keeps what it received
  await fetch('/demo/session', { method: 'DELETE' }); // and a new Acme user: the old one's achievements stay theirs
  clock.reset();
  localStorage.removeItem('acme:data');
  location.reload();
});
