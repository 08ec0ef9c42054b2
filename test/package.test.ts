import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What `npm pack` puts in the tarball the README tells users to install (and what `npm publish` would upload).
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const packed = (): string[] => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
};
/** Every file package.json points at: main, module, types, bin and each export condition. */
const targets = (): string[] => {
  const found = new Set<string>([pkg.main, pkg.module, pkg.types, ...Object.values<string>(pkg.bin)]);
  const walk = (value: unknown) => {
    if (typeof value === 'string') found.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  return [...found].map((path) => path.replace(/^\.\//, ''));
};

describe('the package', () => {
  it('has an MIT LICENSE file for waymark contributors, 2026, as package.json says', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 waymark contributors\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });

  it('packs every file package.json points at, the LICENSE and the README, and no source or test', () => {
    for (const file of targets()) if (!existsSync(file)) throw new Error(`${file} is missing: build first`);
    const files = packed();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', ...targets()]));
    expect(
      files.filter((path) => !path.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(path)),
    ).toEqual([]);
  }, 30_000);

  it("the README's install from a tarball names the file npm pack writes, and its CDN URLs this version", () => {
    const readme = readFileSync('README.md', 'utf8');
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Quick start'));
    expect(install).toContain('not on npm yet');
    expect(install).toContain('npm pack');
    expect(install).toContain(`npm install ../waymark/${pkg.name}-${pkg.version}.tgz`);
    const cdn = [
      ...readme.matchAll(/https:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/([\w-]+)@([\d.]+)\/(dist\/[\w.]+)/g),
    ];
    expect(cdn.length).toBeGreaterThanOrEqual(2);
    for (const [, name, version, file] of cdn) {
      expect(`${name}@${version}`).toBe(`${pkg.name}@${pkg.version}`);
      expect(targets()).toContain(file);
    }
  });
});

describe('the waymark-server package', () => {
  it("names waymark by this version's range in its tarball, not by its path here, and keeps the path here", () => {
    const before = readFileSync('server/package.json', 'utf8');
    expect(JSON.parse(before).dependencies.waymark).toBe('file:..');
    const dir = mkdtempSync(join(tmpdir(), 'waymark-server-pack-'));
    try {
      // With its scripts: prepack names the range, postpack puts the path back.
      const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
        cwd: 'server',
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const tarball = join(dir, JSON.parse(out)[0].filename);
      const packedJson = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
      expect(JSON.parse(packedJson).dependencies.waymark).toBe(`^${pkg.version}`);
      expect(readFileSync('server/package.json', 'utf8')).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
