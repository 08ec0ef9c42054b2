import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { de } from '../widget/locales/index';
import { defaultStrings } from '../widget/strings';

// Figures and addresses that the README states in more than one place, or that docs and examples state too, agree.
const read = (path: string) => readFileSync(path, 'utf8');
const readme = read('README.md');
const protocol = read('docs/protocol.md');

describe('figures the README shares with docs and examples', () => {
  it('every ROI line "≈ N hours saved · $M" is N hours at the $30/h of the definitions', () => {
    const texts = [
      'README.md',
      'docs/protocol.md',
      'examples/app/index.html',
      'examples/app/README.md',
      'examples/plain-html/index.html',
    ]
      .map(read)
      .join('\n');
    const lines = [...texts.matchAll(/≈ ([\d.]+) hours saved · \$([\d,]+)/g)];
    expect(lines.length).toBeGreaterThan(0);
    for (const [line, hours, money] of lines) {
      // The hours are rounded for display: the money may be up to half an hour's worth away.
      expect(Math.abs(Number(money.replace(/,/g, '')) - Number(hours) * 30), line).toBeLessThanOrEqual(15);
    }
  });

  it("the sync benchmark's figures are the same in the README and docs/protocol.md", () => {
    // Line breaks fall anywhere in prose: match on the text with its white space collapsed.
    const ours = (text: string, patterns: Record<string, RegExp>) =>
      Object.fromEntries(
        Object.entries(patterns).map(([key, pattern]) => [key, text.replace(/\s+/g, ' ').match(pattern)?.[1]]),
      );
    const fromReadme = ours(readme, {
      perThousand: /(\d+) requests per 1,000 events/,
      bytes: /(\d+) bytes on the wire per event/,
      gzip: /included\), (\d+) with gzip/,
      requests: /in (\d[\d,]*) requests \(/,
      resent: /\(([\d,]+) events re-sent/,
      seconds: /and (\d+) s with the default backoff/,
    });
    const fromProtocol = ours(protocol, {
      perThousand: /\| requests per 1,000 events \| (\d+) /,
      bytes: /headers \| (\d+) plain/,
      gzip: /plain; (\d+) with gzip/,
      requests: /; (\d[\d,]*) requests; /,
      resent: /([\d,]+) re-sent events/,
      seconds: /requests; (\d+) s with the default backoff/,
    });
    expect(Object.values(fromReadme).every(Boolean), JSON.stringify(fromReadme)).toBe(true);
    expect(fromProtocol).toEqual(fromReadme);
  });

  it("the drain benchmark's figures are the same in the README and docs/protocol.md", () => {
    const drain = (text: string) =>
      text
        .replace(/\s+/g, ' ')
        .match(/drained at ([\d,]+) events\/s with a cloning Map storage and ([\d,]+) with fake IndexedDB/)
        ?.slice(1);
    expect(drain(readme)).toHaveLength(2);
    expect(drain(protocol)).toEqual(drain(readme));
  });
});

describe('the examples serve on ports of their own', () => {
  it('the demo, the React example and the plain-HTML example default to three different ports, as the README says', () => {
    const port = (path: string, pattern: RegExp) => Number(read(path).match(pattern)?.[1]);
    const ports = {
      demo: port('scripts/demo.mjs', /PORT \?\? (\d+)/),
      react: port('examples/react/serve.mjs', /PORT \?\? (\d+)/),
      plainHtml: port('examples/plain-html/serve.mjs', /PORT \?\? (\d+)/),
      plainHtmlDefault: port('examples/plain-html/serve.mjs', /port = (\d+)/),
    };
    expect(ports.plainHtmlDefault).toBe(ports.plainHtml);
    expect(new Set([ports.demo, ports.react, ports.plainHtml]).size).toBe(3);
    expect(readme).toContain(`http://127.0.0.1:${ports.demo}/`);
    expect(readme).toContain(`http://127.0.0.1:${ports.react}/examples/react/`);
    expect(readme).toContain(`http://127.0.0.1:${ports.plainHtml}/examples/plain-html/`);
  });
});

describe("the README's widget examples", () => {
  // Each override of `strings` there is drawn in the panel with the widget's other words: one that repeats another
  // string (the title 'Your journey' over the tab 'Your journey') shows the same words twice in the header.
  const section = readme.slice(readme.indexOf('## The widget'), readme.indexOf('## React'));
  const others = (set: Record<string, unknown>, key: string) =>
    Object.entries(set)
      .filter(([k, v]) => k !== key && typeof v === 'string')
      .map(([, v]) => (v as string).toLowerCase());

  it('give the panel a title that no other string of the widget already says', () => {
    const overrides = [...section.matchAll(/strings: \{ (?:\.\.\.(\w+), )?(\w+): '([^']+)' \}/g)];
    expect(overrides.map(([, set, key]) => [set ?? 'en', key])).toEqual([
      ['en', 'title'],
      ['de', 'title'],
    ]);
    for (const [line, set, key, value] of overrides) {
      const strings = set === 'de' ? de : defaultStrings;
      expect(others(strings, key), line).not.toContain(value.toLowerCase());
      expect(value, line).not.toBe(strings[key as keyof typeof strings]);
    }
  });
});
