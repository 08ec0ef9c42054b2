import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateDefinitions } from '../engine/validateDefinitions';

/** Where the CLI reads and writes: the real process, or a test double. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Promise<string>;
}

const USAGE = `Usage: waymark validate <file.json> [more files...]

Checks milestone definition files: { "milestones": [...], "levels": [...] } or an array of milestones.
Prints each problem as "file: error path: message" (or "warning"), then a summary per file.
Exit code: 0 all valid (warnings allowed), 1 errors found, 2 bad usage.`;

/** Adds the line and column to Node 20's "at position N" JSON errors (newer Node versions say them already). */
const where = (message: string, text: string) => {
  const at = /at position (\d+)$/.exec(message);
  if (!at) return message;
  const lines = text.slice(0, +at[1]).split('\n');
  return `${message} (line ${lines.length} column ${lines[lines.length - 1].length + 1})`;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Runs the `waymark` command line with `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * const code = await runCli(['validate', 'milestones.json'], {
 *   out: console.log, err: console.error, readFile: (p) => fs.readFile(p, 'utf8'),
 * }); // 0, 1 or 2
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...files] = argv;
  if (argv.some((a) => a === '--help' || a === '-h')) {
    io.out(USAGE);
    return 0;
  }
  let problem = '';
  if (command !== 'validate') problem = command ? `unknown command "${command}"` : 'no command given';
  else if (!files.length) problem = 'no file given';
  else {
    const option = files.find((f) => f.startsWith('-'));
    if (option) problem = `unknown option "${option}"`;
  }
  if (problem) {
    io.err(`waymark: ${problem}`);
    io.err(USAGE);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let text: string;
    let json: unknown;
    try {
      // Editors on Windows may save a byte order mark, which JSON.parse rejects.
      text = String(await io.readFile(file)).replace(/^\uFEFF/, '');
    } catch (e) {
      io.err(`${file}: cannot read: ${(e as Error)?.message ?? e}`);
      failed = true;
      continue;
    }
    try {
      json = JSON.parse(text);
    } catch (e) {
      io.err(`${file}: invalid JSON: ${where(String((e as Error)?.message ?? e), text)}`);
      failed = true;
      continue;
    }
    const { errors, warnings, milestones, levels } = validateDefinitions(json);
    for (const { path, message } of errors) io.err(`${file}: error ${path || '(root)'}: ${message}`);
    for (const { path, message } of warnings) io.err(`${file}: warning ${path || '(root)'}: ${message}`);
    const extra = warnings.length ? `, ${plural(warnings.length, 'warning')}` : '';
    io.out(
      errors.length
        ? `${file}: ${plural(errors.length, 'error')}${extra}`
        : `${file}: ${plural(milestones.length, 'milestone')}, ${plural(levels.length, 'level')} valid${extra}`,
    );
    failed ||= errors.length > 0;
  }
  return failed ? 1 : 0;
}

const isMain = () => {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isMain())
  runCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readFile: (path) => readFile(path, 'utf8'),
  }).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`waymark: ${e}`);
      process.exitCode = 2;
    },
  );
