// Figures from real headless Chromium: track() cost, time to `ready` over a long stored history, the
// widget's first render, the long tasks a celebration causes, and the script tag's first opening. A benchmark: it prints, asserts nothing.
//   npm run bench:browser   (builds dist/ first; needs /usr/bin/chromium or CHROMIUM_PATH)
// The page is the ESM build bundled as an app would bundle it (esbuild, lazy chunks split out), served
// from 127.0.0.1 with COOP/COEP so performance.now() has 5 µs resolution rather than 100 µs.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { benchDefinitions } from './benchDefinitions.mjs';

const repo = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(os.tmpdir(), 'waymark-bench-'));
await build({
  stdin: {
    contents:
      "import { createWaymark } from './dist/index.js'; import { mountWidget } from './dist/widget.js'; window.bench = { createWaymark, mountWidget };",
    resolveDir: repo,
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  outdir: out,
  entryNames: 'app',
  logLevel: 'warning',
});
const page =
  '<!doctype html><meta charset="utf-8"><title>waymark bench</title><script type="module" src="/app.js"></script><body>';
// The script tag, as a host page loads it: one file with the client, the widget and confetti.
const scriptPage = (defs) =>
  '<!doctype html><meta charset="utf-8"><title>waymark bench, script tag</title><body>' +
  `<script>window.waymark = { q: [['init', ${JSON.stringify({ projectKey: 'bench-script', storage: 'memory', stalledAfter: false, milestones: defs })}]] }</script>` +
  '<script src="/waymark.global.js"></script>';
const server = http.createServer((req, res) => {
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  };
  if (req.url === '/') return res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(page);
  if (req.url === '/script')
    return res
      .writeHead(200, { ...headers, 'content-type': 'text/html' })
      .end(scriptPage(benchDefinitions(200).slice(0, 20)));
  let body;
  try {
    const name = req.url.replace(/[^\w.-]/g, '');
    body = readFileSync(name.startsWith('waymark.') ? join(repo, 'dist', name) : join(out, name));
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const fresh = async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const p = await context.newPage();
  await p.goto(url);
  await p.waitForFunction(() => window.bench && crossOriginIsolated);
  return p;
};

const definitions = benchDefinitions(200);
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

console.log(
  `waymark in headless ${browser.version()} (${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}), ${new Date().toISOString().slice(0, 10)}`,
);

// 1. track(): batches of 1,000 events, the event loop free between them (IndexedDB writes run there, untimed).
{
  const p = await fresh();
  const perBatch = await p.evaluate(async (defs) => {
    const wm = window.bench.createWaymark({ projectKey: 'bench-track', milestones: defs, stalledAfter: false });
    await wm.ready;
    const names = ['event_1', 'event_2', 'event_3', 'event_4'];
    const props = { feature: 'kanban', amount: 42, plan: 'pro' };
    const us = [];
    for (let round = 0; round < 400; round++) {
      const t0 = performance.now();
      for (let i = 0; i < 1000; i++) wm.track(names[i & 3], props);
      if (round >= 100) us.push(performance.now() - t0); // ms per 1,000 = µs per event
      await new Promise((r) => setTimeout(r, 0));
    }
    await wm.flush();
    return us;
  }, definitions);
  console.log(
    `\ntrack(), 200 definitions, per event over ${perBatch.length} batches of 1,000: median ${median(perBatch).toFixed(2)} µs, p99 ${pct(perBatch, 0.99).toFixed(2)} µs, worst batch ${sorted(perBatch).at(-1).toFixed(2)} µs`,
  );
  await p.context().close();
}

// 1b. track() one event at a time, as a page tracks a click: the call and the microtasks it queues (the message to the
// other tabs goes on one when the last went 50 ms ago or more), 60 ms apart, in one tab alone (past its join window) and with a second tab of the origin open.
{
  const p = await fresh();
  const sparse = () =>
    p.evaluate(
      async (defs) => {
        const wm = window.bench.createWaymark({ projectKey: 'bench-sparse', milestones: defs, stalledAfter: false });
        await wm.ready;
        const names = ['event_0', 'event_1', 'event_2', 'event_3'];
        for (let i = 0; i < 2000; i++) wm.track(names[i & 3], { feature: 'kanban', amount: 42, plan: 'pro' });
        await new Promise((r) => setTimeout(r, 1600));
        // A second channel object in the page hears what the client posts to the other tabs.
        let posts = 0;
        const heard = new BroadcastChannel('wm:bench-sparse:state');
        heard.onmessage = (e) => typeof e.data?.n === 'number' && posts++;
        const us = [];
        for (let i = 0; i < 120; i++) {
          const t0 = performance.now();
          wm.track(names[i & 3], { feature: 'kanban', amount: 42, plan: 'pro' });
          await Promise.resolve();
          await Promise.resolve();
          us.push((performance.now() - t0) * 1000);
          await new Promise((r) => setTimeout(r, 60));
        }
        wm.destroy();
        heard.close();
        return { us, posts };
      },
      benchDefinitions(200, 10),
    );
  const { us: alone, posts: alonePosts } = await sparse();
  // The other tab runs a client of the same project: it holds a tab's lock and answers the join.
  const other = await p.context().newPage();
  await other.goto(url);
  await other.waitForFunction(() => window.bench);
  await other.evaluate(
    (defs) => window.bench.createWaymark({ projectKey: 'bench-sparse', milestones: defs, stalledAfter: false }).ready,
    benchDefinitions(200, 10),
  );
  const { us: shared, posts: sharedPosts } = await sparse();
  console.log(
    `track() one event every 60 ms (200 definitions, 10 per event; call + microtasks): one tab alone median ${median(alone).toFixed(0)} µs, p90 ${pct(alone, 0.9).toFixed(0)} µs (${alonePosts} messages to other tabs); with another tab open ${median(shared).toFixed(0)} µs, p90 ${pct(shared, 0.9).toFixed(0)} µs (${sharedPosts} messages)`,
  );
  await p.context().close();
}

// 2. Time to ready: 10,000 past events in IndexedDB, then each reload creates the client and awaits `ready`.
{
  const p = await fresh();
  const start = (projectKey) =>
    p.evaluate(
      async ([projectKey, defs]) => {
        const t0 = performance.now();
        const wm = window.bench.createWaymark({ projectKey, milestones: defs, stalledAfter: false });
        await wm.ready;
        const t = performance.now() - t0;
        return { t, tracked: wm.milestones().filter((m) => m.current > 0).length };
      },
      [projectKey, definitions],
    );
  const empty = [];
  for (let i = 0; i < 10; i++) {
    empty.push((await start(`bench-empty-${i}`)).t); // a project key never used: nothing stored
    await p.reload();
    await p.waitForFunction(() => window.bench);
  }
  await p.evaluate(async (defs) => {
    const wm = window.bench.createWaymark({ projectKey: 'bench-ready', milestones: defs, stalledAfter: false });
    await wm.ready;
    const features = ['kanban', 'list', 'calendar', 'gantt', 'board', 'table'];
    for (let i = 0; i < 10000; i++)
      wm.track(`event_${(i * 7919) % 200}`, { feature: features[i % 6], amount: i % 50, plan: 'pro' });
    await wm.flush();
    wm.destroy();
  }, definitions);
  const seeded = [];
  let tracked = 0;
  for (let i = 0; i < 10; i++) {
    await p.reload();
    await p.waitForFunction(() => window.bench);
    const r = await start('bench-ready');
    seeded.push(r.t);
    tracked = r.tracked;
  }
  console.log(
    `\ncreateWaymark() -> ready, 200 milestones, IndexedDB, 10 page loads each (engine chunk fetched over loopback each time):`,
  );
  console.log(
    `  nothing stored:              median ${ms(median(empty))}, min ${ms(sorted(empty)[0])}, max ${ms(sorted(empty).at(-1))}`,
  );
  console.log(
    `  after 10,000 stored events:  median ${ms(median(seeded))}, min ${ms(sorted(seeded)[0])}, max ${ms(sorted(seeded).at(-1))} (${tracked} milestones with restored progress)`,
  );
  await p.context().close();
}

// 3. The widget's first render, in fresh pages: mountWidget() -> launcher in the DOM -> laid out -> next frame.
{
  const rows = [];
  for (let i = 0; i < 10; i++) {
    const p = await fresh();
    rows.push(
      await p.evaluate(async (defs) => {
        const wm = window.bench.createWaymark({
          projectKey: 'bench-widget',
          storage: 'memory',
          milestones: defs.slice(0, 20),
          stalledAfter: false,
        });
        await wm.ready;
        const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        await frame();
        const t0 = performance.now();
        const widget = window.bench.mountWidget(wm);
        const launcher = document.querySelector('[data-waymark-widget]').shadowRoot.querySelector('button');
        const inDom = performance.now() - t0;
        launcher.getBoundingClientRect(); // style and layout, now
        const laidOut = performance.now() - t0;
        await frame(); // rAF, then the task after it: the frame has been produced
        const painted = performance.now() - t0;
        const t1 = performance.now();
        widget.open();
        document
          .querySelector('[data-waymark-widget]')
          .shadowRoot.querySelector('[role=dialog]')
          .getBoundingClientRect();
        const panel = performance.now() - t1;
        await frame();
        return { inDom, laidOut, painted, panel, panelPainted: performance.now() - t1 };
      }, definitions),
    );
    await p.context().close();
  }
  const col = (k) => ms(median(rows.map((r) => r[k])));
  console.log(`\nwidget first render, 20 milestones, median of 10 fresh pages:`);
  console.log(
    `  mountWidget() -> launcher in DOM ${col('inDom')}, laid out ${col('laidOut')}, next frame ${col('painted')}`,
  );
  console.log(`  open() -> panel laid out ${col('panel')}, next frame ${col('panelPainted')}`);
}

// 4. Long tasks (> 50 ms) and slow frames while a celebration (toast + confetti) plays, against the same
//    4.5 s with nothing happening, in fresh pages.
{
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const p = await fresh();
    runs.push(
      await p.evaluate(async () => {
        const wm = window.bench.createWaymark({
          projectKey: 'bench-fx',
          storage: 'memory',
          milestones: [{ id: 'goal', title: 'Reach the goal', rule: { event: 'go' }, celebrate: 'confetti' }],
        });
        await wm.ready;
        window.bench.mountWidget(wm);
        const watch = async (act) => {
          const tasks = [];
          const frames = [];
          const po = new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)));
          po.observe({ type: 'longtask' });
          let last = performance.now();
          let on = true;
          const tick = (t) => {
            frames.push(t - last);
            last = t;
            if (on) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          act();
          let canvas = false;
          const end = performance.now() + 4500;
          while (performance.now() < end) {
            canvas ||= !!document.querySelector('[data-waymark-widget]').shadowRoot.querySelector('canvas');
            await new Promise((r) => setTimeout(r, 50));
          }
          on = false;
          po.disconnect();
          return { tasks, frames: frames.slice(1), canvas };
        };
        await new Promise((r) => setTimeout(r, 1000));
        const idle = await watch(() => {});
        const party = await watch(() => wm.track('go'));
        // Control: the observer does see a task we make 80 ms long on purpose.
        const control = await watch(() =>
          setTimeout(() => {
            for (const end = performance.now() + 80; performance.now() < end; );
          }, 100),
        );
        return { idle, party, control };
      }),
    );
    await p.context().close();
  }
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const describe = (k) => {
    const tasks = runs.flatMap((r) => r[k].tasks);
    const frames = runs.flatMap((r) => r[k].frames);
    return `${tasks.length} long tasks in ${runs.length} runs (total ${ms(sum(tasks))}, longest ${tasks.length ? ms(Math.max(...tasks)) : '-'}); frames: median ${ms(median(frames))}, p95 ${ms(pct(frames, 0.95))}, longest ${ms(Math.max(...frames))}, ${frames.filter((f) => f > 50).length} of ${frames.length} over 50 ms`;
  };
  console.log(`\ncelebration (toast + confetti, canvas drawn: ${runs.every((r) => r.party.canvas)}), 4.5 s windows:`);
  console.log(`  idle:        ${describe('idle')}`);
  console.log(`  celebration: ${describe('party')}`);
  console.log(`  control, one 80 ms busy loop per run: ${describe('control')}`);
}

// 5. The script tag's first opening, in fresh pages: the click on the launcher to the panel laid out and painted.
//    The widget is in the same file, so nothing is fetched on the click.
{
  const rows = [];
  for (let i = 0; i < 10; i++) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const p = await context.newPage();
    await p.goto(`${url}script`);
    rows.push(
      await p.evaluate(async () => {
        await window.waymark.ready;
        const root = document.querySelector('[data-waymark-widget]').shadowRoot;
        const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        await frame();
        const t0 = performance.now();
        root.querySelector('button.lc').click();
        while (!root.querySelector('[role=dialog]')) await new Promise((r) => setTimeout(r, 0));
        root.querySelector('[role=dialog]').getBoundingClientRect();
        const panel = performance.now() - t0;
        await frame();
        return { panel, painted: performance.now() - t0 };
      }),
    );
    await context.close();
  }
  const col = (k) => ms(median(rows.map((r) => r[k])));
  console.log(
    `\nscript tag, first click on the launcher -> panel laid out / next frame, median of 10 fresh pages: ${col('panel')} / ${col('painted')}`,
  );
}

await browser.close();
server.close();
rmSync(out, { recursive: true, force: true });
