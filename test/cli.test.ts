import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/runCli';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the CLI against the real file system, collecting what it prints. */
const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (p) => readFile(p, 'utf8'),
  });
  return { code, out, err };
};

describe('waymark validate', () => {
  it('passes a valid file with levels and prints a summary', async () => {
    const file = fixture('milestones.json');
    expect(await run('validate', file)).toEqual({ code: 0, out: [`${file}: 6 milestones, 2 levels valid`], err: [] });
  });

  it('fails an invalid file, printing each error and warning with its path', async () => {
    const file = fixture('invalid.json');
    const { code, out, err } = await run('validate', file);
    expect(code).toBe(1);
    // Every error of every definition, in the file's order: a typo in a rule is one (it would change the rule's
    // meaning), and a definition with a bad title still has its unknown reference reported, with a hint.
    expect(err).toEqual([
      `${file}: error milestones[1].rule.cuont: unknown rule key "cuont" (did you mean "count"?)`,
      `${file}: error milestones[2].rule.count: expected a positive integer`,
      `${file}: error milestones[3].id: expected an id: 1-64 of a-z 0-9 _ -`,
      `${file}: error milestones[4].requires[0]: unknown milestone "missing"`,
      `${file}: error milestones[5].title: expected a non-empty string`,
      `${file}: error milestones[5].requires[0]: unknown milestone "orphn" (did you mean "orphan"?)`,
      `${file}: error levels[0].milestones[1]: invalid milestone "zero"`,
      `${file}: warning milestones[5].colour: unknown key "colour"`,
    ]);
    expect(out).toEqual([`${file}: 7 errors, 1 warning`]);
  });

  it('reports broken JSON as a failure', async () => {
    const file = fixture('broken.json');
    const { code, out, err } = await run('validate', file);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0].startsWith(`${file}: invalid JSON: `)).toBe(true);
    expect(err[0]).toMatch(/\(line 1 column 32\)$/);
  });

  it('reports an unreadable file as a failure', async () => {
    const file = fixture('does-not-exist.json');
    const { code, err } = await run('validate', file);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/does-not-exist\.json: cannot read: .*ENOENT/);
  });

  it('checks every file and fails if any fails', async () => {
    const good = fixture('milestones.json');
    const broken = fixture('broken.json');
    const { code, out } = await run('validate', good, broken, good);
    expect(code).toBe(1);
    expect(out).toEqual([`${good}: 6 milestones, 2 levels valid`, `${good}: 6 milestones, 2 levels valid`]);
  });

  it('passes a file with warnings only, counting them', async () => {
    const files: Record<string, string> = {
      'w.json': JSON.stringify([{ id: 'a', title: 'A', rule: { event: 'e' }, colour: 'red' }]),
      'bom.json': `\uFEFF${JSON.stringify({ milestones: [{ id: 'a', title: 'A', rule: { event: 'e' } }] })}`,
      'root.json': '42',
      'lines.json': '{\n  "milestones": [],\n}',
    };
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      readFile: async (p: string) => files[p],
    };
    expect(await runCli(['validate', 'w.json', 'bom.json'], io)).toBe(0);
    expect(out).toEqual(['w.json: 1 milestone, 0 levels valid, 1 warning', 'bom.json: 1 milestone, 0 levels valid']);
    expect(err).toEqual(['w.json: warning milestones[0].colour: unknown key "colour"']);
    expect(await runCli(['validate', 'root.json'], io)).toBe(1);
    expect(err.at(-1)).toBe('root.json: error (root): expected { milestones, levels } or an array');
    expect(await runCli(['validate', 'lines.json'], io)).toBe(1);
    expect(err.at(-1)).toMatch(/^lines\.json: invalid JSON: .*\(line 3 column 1\)$/);
  });
});

describe('waymark usage', () => {
  it.each([['--help'], ['-h'], ['validate', '--help']])('prints usage for %j and exits 0', async (...argv) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: waymark validate <file\.json>/);
    expect(err).toEqual([]);
  });

  it.each([
    [[], 'waymark: no command given'],
    [['validate'], 'waymark: no file given'],
    [['check', 'a.json'], 'waymark: unknown command "check"'],
    [['validate', '--strict', 'a.json'], 'waymark: unknown option "--strict"'],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe(message);
    expect(err[1]).toMatch(/^Usage: /);
  });
});

describe('the built bin', () => {
  const built = existsSync(bin);
  if (!built) console.warn('cli.test: dist/cli.js not found, skipping the bin test (run `npx tsup` or `npm test`)');

  it.skipIf(!built)('runs `node dist/cli.js validate test/fixtures/invalid.json` and exits 1', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [bin, 'validate', 'test/fixtures/invalid.json'],
        { cwd: root },
        (_, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('test/fixtures/invalid.json: 7 errors, 1 warning\n');
    expect(result.stderr).toContain(
      'test/fixtures/invalid.json: error milestones[2].rule.count: expected a positive integer\n',
    );
  });

  it.skipIf(!built)('exits 0 on the valid fixture', async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, [bin, 'validate', 'test/fixtures/milestones.json'], { cwd: root }, () =>
        resolve(child.exitCode),
      );
    });
    expect(code).toBe(0);
  });
});
