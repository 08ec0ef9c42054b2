import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { readCliConfig } from '../src/cli/readCliConfig';
import { createServer } from '../src/createServer';
import { signUserToken } from '../src/identity/signUserToken';
import { definitions } from './helpers';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## The backend: waymark-server'));
const block = (lang: string) => {
  const start = section.indexOf(`\`\`\`${lang}`) + lang.length + 3;
  return section.slice(start, section.indexOf('```', start));
};

/** The environment the README's start commands export. */
const env = {
  WAYMARK_SECRET_KEY: 'sk_readme_0123456789abcdef',
  WAYMARK_IDENTITY_SECRET: 'readme-identity-secret-0123456789-abcdef',
};

/** A server from the README's config file, as pasted, with the test's definitions beside it (in memory, any port). */
const startFromReadmeConfig = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-readme-'));
  writeFileSync(join(dir, 'waymark.config.json'), block('json'));
  writeFileSync(join(dir, 'milestones.json'), JSON.stringify(definitions));
  const { config } = readCliConfig(['--config', join(dir, 'waymark.config.json')], env);
  return createServer({ ...config, port: 0, dataDir: ':memory:', logLevel: 'silent' });
};

it("the README's config file works when pasted: identity required, a token from signUserToken, the admin API", async () => {
  const server = await startFromReadmeConfig();
  try {
    // Its triggers are checked and kept.
    expect(server.config.projects[0].triggers.map((t) => `${t.id}:${t.kind}`)).toEqual([
      'celebrate-momentum:achievedAtLeast',
      'check-in:quietFor',
    ]);
    const url = await server.listen();
    const batch = (userToken?: string) =>
      fetch(`${url}/v1/batch`, {
        method: 'POST',
        headers: { origin: 'https://app.acme.example' },
        body: JSON.stringify({
          projectKey: 'pk_acme',
          userToken,
          events: [
            {
              id: 'e1',
              type: 'track',
              name: 'project_created',
              userId: 'u_123',
              anonymousId: 'a1',
              timestamp: new Date().toISOString(),
            },
          ],
        }),
      });
    expect((await batch()).status).toBe(401);
    const token = await signUserToken({ userId: 'u_123', accountId: 'acct_9' }, env.WAYMARK_IDENTITY_SECRET, {
      expiresIn: '7d',
    });
    const stored = await batch(token);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('access-control-allow-origin')).toBe('https://app.acme.example');
    await server.idle();
    // The curl line of the README, as fetch.
    const curl = /curl -H "Authorization: Bearer \$WAYMARK_SECRET_KEY" http:\/\/127\.0\.0\.1:8787(\S+)/.exec(section)!;
    const user = await fetch(url + curl[1], { headers: { authorization: `Bearer ${env.WAYMARK_SECRET_KEY}` } });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { achieved: object }).achieved).toHaveProperty('first-project');
  } finally {
    await server.close();
  }
}, 60_000);

it('every field of the createServer example in the README is a real option', () => {
  const code = block('js');
  const fields = [...code.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]);
  const types = readFileSync(new URL('../src/config/types.ts', import.meta.url), 'utf8');
  for (const field of fields) expect(types, field).toMatch(new RegExp(`\\b${field}\\??:`));
});

it('every route the README names (`GET /v1/state`, `GET` · `PUT /v1/admin/definitions`, …) is one the server serves', async () => {
  const routes = new Set<string>();
  for (const [, methods, path] of readme.matchAll(
    /((?:`?(?:GET|POST|PUT|DELETE)`? · )*`?(?:GET|POST|PUT|DELETE)) (\/[\w/:.-]+)/g,
  ))
    for (const method of methods.match(/GET|POST|PUT|DELETE/g)!) routes.add(`${method} ${path}`);
  expect(routes).toContain('PUT /v1/admin/definitions');
  expect(routes).toContain('GET /v1/admin/definitions');
  expect(routes.size).toBeGreaterThanOrEqual(15);
  const server = await createServer({
    projects: [{ key: 'pk_readme', secretKey: 'sk_readme_0123456789abcdef', definitions }],
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
  });
  try {
    await server.app.ready();
    expect(server.app.hasRoute({ method: 'GET', url: '/v1/admin/nothing' })).toBe(false); // the check can fail
    const missing = [...routes].filter((route) => {
      const [method, url] = route.split(' ');
      return !server.app.hasRoute({ method: method as 'GET', url });
    });
    expect(missing).toEqual([]);
  } finally {
    await server.close();
  }
}, 60_000);

it("the README's commands that start the server with its config file set every variable the file names", () => {
  const names = [...block('json').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(0);
  const commands = section.slice(section.indexOf('```sh', section.indexOf('```json')));
  const lines = commands.slice(0, commands.indexOf('```', 5)).split('\n');
  const exported = lines.flatMap((line) => [...line.matchAll(/^export (\w+)=/g)].map((m) => m[1]));
  const starts = lines.filter((line) => line.includes('--config waymark.config.json'));
  expect(starts.length).toBeGreaterThanOrEqual(2);
  for (const line of starts) {
    const set = new Set([...exported, ...[...line.matchAll(/(?:^|\s)(\w+)=/g)].map((m) => m[1])]);
    expect(
      names.filter((name) => !set.has(name)),
      line,
    ).toEqual([]);
  }
});

it("the README's shell lines that send a first event work as pasted: a signed token, curl, the answer it shows", async () => {
  const server = await startFromReadmeConfig();
  try {
    const url = await server.listen();
    const start = section.indexOf('```sh\nTOKEN=');
    const lines = section.slice(start + 6, section.indexOf('```', start + 6));
    const shown = /^# (\{.*\})$/m.exec(lines)![1];
    // Run from the clone's root, as the README says, against this server instead of port 8787. Not execFileSync: the
    // server answers in this process, so its event loop must keep running.
    const { stdout } = await promisify(execFile)('bash', ['-c', lines.replaceAll('http://127.0.0.1:8787', url)], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(shown));
    await server.idle();
    const user = await fetch(`${url}/v1/admin/users/u_123`, {
      headers: { authorization: `Bearer ${env.WAYMARK_SECRET_KEY}` },
    });
    expect(((await user.json()) as { achieved: object }).achieved).toHaveProperty('first-project');
  } finally {
    await server.close();
  }
}, 60_000);
