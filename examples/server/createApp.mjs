// The reference backend's HTTP side: POST /v1/batch, GET /v1/state, CORS, limits. No framework.
import { gunzipSync } from 'node:zlib';
import { computeBenchmarks } from './computeBenchmarks.mjs';
import { createStore } from './createStore.mjs';
import { recompute } from './recompute.mjs';
import { validateBatch } from './validateBatch.mjs';

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @typedef {object} AppOptions
 * @property {import('./openDatabase.mjs').Database} db
 * @property {{ milestones?: any[], levels?: any[] }} [definitions] served by /v1/state and used to verify
 * @property {string[]} [origins] origins allowed by CORS; `['*']` for any
 * @property {string[]} [projectKeys] when set, other project keys get a 403
 * @property {number} [bodyLimit] bytes, before and after gunzip; default 1 MB
 * @property {number} [maxEvents] per batch; default 1000
 * @property {Function} [createWaymark] the engine (from `waymark`), to recompute achievements; without it nothing is verified
 * @property {number} [benchmarkTtl] ms a project's benchmark data is cached; default 60 s
 * @property {number} [benchmarkMinPeople] default 5
 * @property {() => number} [now]
 */

/**
 * @example
 * const app = createApp({ db: await openDatabase(), definitions, origins: ['https://app.example.com'], createWaymark });
 * http.createServer(app.handle).listen(8787);
 *
 * @param {AppOptions} options
 */
export function createApp(options) {
  const { db, definitions = {}, origins = [], projectKeys, bodyLimit = 1_000_000, maxEvents = 1000, createWaymark } = options;
  const now = options.now ?? Date.now;
  const store = createStore(db);
  const milestones = definitions.milestones ?? [];
  const userDefs = milestones.filter((m) => m.scope !== 'account');
  // Account-scope milestones are evaluated over all of an account's events, as if one user did them.
  const accountDefs = milestones.filter((m) => m.scope === 'account').map((m) => ({ ...m, scope: 'user' }));
  const cache = new Map();
  let verifying = Promise.resolve();

  const progress = (projectKey) => {
    const hit = cache.get(projectKey);
    if (hit && now() - hit.at < (options.benchmarkTtl ?? 60_000)) return hit.data;
    const data = store.progress(projectKey);
    cache.set(projectKey, { at: now(), data });
    data.catch(() => cache.delete(projectKey));
    return data;
  };

  /** Recomputes one person's user-scope milestones; answers them with the claims the engine did not confirm. */
  const verify = async (projectKey, who) => {
    const userId = who.userId ?? (who.anonymousId && (await store.userOf(projectKey, who.anonymousId)));
    const person = userId ? { userId } : { anonymousId: who.anonymousId };
    const events = await store.personEvents(projectKey, person);
    const achieved = await recompute(createWaymark, { projectKey, milestones: userDefs, levels: definitions.levels }, events);
    await store.saveAchievements(projectKey, userId ? 'u:' + userId : 'a:' + who.anonymousId, achieved);
    const known = new Set(userDefs.map((m) => m.id));
    const unconfirmed = events.filter((e) => e.type === 'achieved' && known.has(e.name) && !(e.name in achieved)).map((e) => e.name);
    return { achieved, unconfirmed: [...new Set(unconfirmed)] };
  };
  const verifyAccount = async (projectKey, accountId) => {
    const events = await store.accountEvents(projectKey, accountId);
    await store.saveAchievements(projectKey, 'acct:' + accountId, await recompute(createWaymark, { projectKey, milestones: accountDefs }, events));
  };
  // After the reply, one batch at a time: verification never slows down or fails an upload.
  const afterBatch = (projectKey, events) => {
    if (!createWaymark || !milestones.length) return;
    const people = new Map();
    const accounts = new Set();
    for (const e of events) {
      people.set(e.userId ? 'u:' + e.userId : 'a:' + e.anonymousId, e.userId ? { userId: e.userId } : { anonymousId: e.anonymousId });
      if (e.accountId && accountDefs.length) accounts.add(e.accountId);
    }
    verifying = verifying
      .then(async () => {
        for (const who of people.values()) await verify(projectKey, who);
        for (const accountId of accounts) await verifyAccount(projectKey, accountId);
        cache.delete(projectKey);
      })
      .catch((error) => console.error('[waymark-server] verification failed:', error));
  };

  const readBody = (req) =>
    new Promise((resolve, reject) => {
      if (Number(req.headers['content-length']) > bodyLimit) return reject(new HttpError(413, `body: larger than ${bodyLimit} bytes`));
      const chunks = [];
      let size = 0;
      req.on('data', (chunk) => {
        size += chunk.length;
        if (size <= bodyLimit) chunks.push(chunk);
        else reject(new HttpError(413, `body: larger than ${bodyLimit} bytes`));
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  const parse = (req, raw) => {
    if (req.headers['content-encoding'] === 'gzip')
      try {
        raw = gunzipSync(raw, { maxOutputLength: bodyLimit });
      } catch (error) {
        throw error.code === 'ERR_BUFFER_TOO_LARGE'
          ? new HttpError(413, `body: larger than ${bodyLimit} bytes once gunzipped`)
          : new HttpError(400, 'body: not valid gzip');
      }
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new HttpError(400, `body: malformed JSON (${error.message})`);
    }
  };
  const checkProject = (projectKey) => {
    if (projectKeys && !projectKeys.includes(projectKey)) throw new HttpError(403, `projectKey: unknown project "${projectKey}"`);
  };

  const routes = {
    async 'POST /v1/batch'(req) {
      const body = parse(req, await readBody(req));
      const problem = validateBatch(body, { maxEvents });
      if (problem) throw new HttpError(400, problem);
      checkProject(body.projectKey);
      const result = await store.insertBatch(body.projectKey, body.events);
      if (result.accepted) afterBatch(body.projectKey, body.events);
      return result;
    },
    async 'GET /v1/state'(req, url) {
      const q = (name) => url.searchParams.get(name) || undefined;
      const projectKey = q('projectKey');
      const who = { userId: q('userId'), anonymousId: q('anonymousId') };
      if (!projectKey) throw new HttpError(400, 'projectKey: required');
      if (!who.userId && !who.anonymousId) throw new HttpError(400, 'anonymousId: required (or userId)');
      checkProject(projectKey);
      const person = await store.person(projectKey, who);
      const subject = who.userId ? 'u:' + who.userId : 'a:' + who.anonymousId;
      const benchmarks = computeBenchmarks(await progress(projectKey), subject, now(), options.benchmarkMinPeople ?? 5);
      return {
        ...(definitions.milestones && { milestones: definitions.milestones }),
        ...(definitions.levels && { levels: definitions.levels }),
        achieved: person.achieved,
        ...(person.startedAt && { startedAt: person.startedAt }),
        ...(Object.keys(benchmarks).length && { benchmarks }),
      };
    },
    'GET /health': () => ({ ok: true }),
  };

  /** The node:http request listener. */
  const handle = async (req, res) => {
    const origin = req.headers.origin;
    const allowed = origin && (origins.includes('*') || origins.includes(origin));
    const headers = { 'content-type': 'application/json', vary: 'Origin' };
    if (allowed) headers['access-control-allow-origin'] = origin;
    let status = 200;
    let body;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // The endpoint may sit under a prefix (https://api.example.com/waymark/v1/batch).
      const path = (url.pathname.match(/\/v1\/(batch|state)$|\/health$/) ?? [''])[0];
      if (req.method === 'OPTIONS') {
        if (!allowed) throw new HttpError(403, `origin: ${origin ?? '(none)'} is not allowed`);
        Object.assign(headers, {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type, content-encoding',
          'access-control-max-age': '86400',
        });
        status = 204;
      } else {
        const route = routes[`${req.method} ${path}`];
        if (!route) throw new HttpError(404, `${req.method} ${url.pathname}: not found`);
        body = await route(req, url);
      }
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('[waymark-server]', error);
      body = { error: status === 500 ? 'internal error' : error.message };
      if (status === 413) headers.connection = 'close';
    }
    res.writeHead(status, headers).end(body === undefined ? undefined : JSON.stringify(body));
  };

  return {
    handle,
    /** Recomputes one person now; answers their achievements and the claims that were not confirmed. */
    verify,
    /** Resolves when the verification of every batch received so far is done. */
    idle: () => verifying,
  };
}
