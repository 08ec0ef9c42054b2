// What one call costs when calls come one at a time, after a pause (a click, a save: how an app calls track()),
// rather than ten to a slice. Each call then finds the processor's caches holding other work and pays for it: the
// same code costs several times what it costs warm, for every library alike. Two figures per call: the call alone
// (its median), and the main thread's busy time over the whole run with what each call deferred (microtasks, timers,
// writes), per call, less the same pauses with no calls.
import { performance } from 'node:perf_hooks';

const SETTLE_MS = 3000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const busyMicros = (since) => performance.eventLoopUtilization(since).active * 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const props = () => ({ feature: 'kanban', amount: 42, plan: 'pro' });
const names = ['event_0', 'event_1', 'event_2', 'event_3'];

/** `calls` calls of `call` (none when undefined), each after `gap` ms; the calls' own times and the busy time. */
async function spaced(call, gap, calls) {
  const own = [];
  const busyStart = performance.eventLoopUtilization();
  for (let i = 0; i < calls; i++) {
    await sleep(gap);
    if (!call) continue;
    const t0 = performance.now();
    call(names[i & 3], props());
    own.push((performance.now() - t0) * 1000);
  }
  await sleep(SETTLE_MS);
  return { own, busy: busyMicros(busyStart) };
}

/**
 * Runs each contender's call one at a time after pauses of 1 ms and of 20 ms, interleaved over `rounds` rounds with
 * the same pauses and no calls, and prints µs per call: the median of the calls alone, and the busy time per call with
 * the deferred work counted, as the median of the rounds.
 *
 * @example
 * await compareSpaced([{ name: 'waymark track()', call: (name, p) => wm.track(name, p) }]);
 */
export async function compareSpaced(contenders, { rounds = 3 } = {}) {
  const gaps = [
    { gap: 1, calls: 300 },
    { gap: 20, calls: 60 },
  ];
  const results = new Map(); // `${name} ${gap}` -> { own: [], busy: [] }
  for (let round = 0; round < rounds; round++)
    for (const { gap, calls } of gaps) {
      const idle = await spaced(undefined, gap, calls);
      for (const { name, call } of contenders) {
        const run = await spaced(call, gap, calls);
        const key = `${name}|${gap}`;
        const entry = results.get(key) ?? { own: [], busy: [] };
        entry.own.push(...run.own);
        entry.busy.push((run.busy - idle.busy) / calls);
        results.set(key, entry);
      }
    }
  console.log(
    `\nOne call at a time, after a pause (µs per call; the call alone: median of ${rounds} x the calls; with deferred work: median of ${rounds} rounds, less the same pauses without calls)`,
  );
  console.log(`${''.padEnd(38)} ${gaps.map(({ gap }) => `${gap} ms apart: alone   deferred`.padStart(30)).join('')}`);
  for (const { name } of contenders) {
    const cells = gaps.map(({ gap }) => {
      const { own, busy } = results.get(`${name}|${gap}`);
      return `${median(own).toFixed(1).padStart(19)} ${median(busy).toFixed(1).padStart(10)}`;
    });
    console.log(`${name.padEnd(38)} ${cells.join('')}`);
  }
  const [first, ...others] = contenders;
  for (const { gap } of gaps) {
    const cost = (name) => median(results.get(`${name}|${gap}`).busy);
    const ratios = others.map(({ name }) => `${name.split(' ')[0]} ${(cost(name) / cost(first.name)).toFixed(1)}x`);
    console.log(
      `${gap} ms apart, busy time with deferred work over ${first.name.split(' ')[0]}'s: ${ratios.join(', ')}`,
    );
  }
}
