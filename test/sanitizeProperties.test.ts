import { describe, expect, it } from 'vitest';
import { sanitizeProperties } from '../src/client/sanitizeProperties';
import type { WaymarkError } from '../src/types';

/** Sanitises `input`, collecting what it reports. */
function run(input: unknown, path?: string) {
  const errors: WaymarkError[] = [];
  const out = sanitizeProperties(input, (e) => errors.push(e), path);
  return { out, errors };
}

/** An object nested `levels` deep: `{ a: { a: ... { leaf } } }`. */
function nest(levels: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

describe('sanitizeProperties: the argument', () => {
  it('keeps the common flat case as is, silently, in a new object', () => {
    const input = { feature: 'kanban', amount: 42, ok: true, none: null };
    const { out, errors } = run(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(errors).toEqual([]);
  });

  it('turns undefined and null into {} silently', () => {
    expect(run(undefined)).toEqual({ out: {}, errors: [] });
    expect(run(null)).toEqual({ out: {}, errors: [] });
  });

  it('rejects non-objects with invalid_argument at the given path', () => {
    expect(run('kanban')).toEqual({
      out: {},
      errors: [
        { code: 'invalid_argument', message: 'properties must be a plain object, got string', path: 'properties' },
      ],
    });
    expect(run(42, 'traits').errors).toEqual([
      { code: 'invalid_argument', message: 'traits must be a plain object, got number', path: 'traits' },
    ]);
    expect(run([1, 2]).errors[0]).toMatchObject({
      code: 'invalid_argument',
      message: 'properties must be a plain object, got an array',
    });
    expect(run(new Map()).errors[0].message).toBe('properties must be a plain object, got a Map');
    expect(run(() => 1).errors[0].message).toBe('properties must be a plain object, got function');
  });

  it('reads class instances by their own enumerable keys', () => {
    class Point {
      x = 1;
      y = 2;
      norm() {
        return 0;
      }
    }
    const inherited = Object.create({ inherited: 1 });
    inherited.own = 2;
    expect(run(new Point())).toEqual({ out: { x: 1, y: 2 }, errors: [] });
    expect(run({ p: new Point(), i: inherited }).out).toEqual({ p: { x: 1, y: 2 }, i: { own: 2 } });
  });
});

describe('sanitizeProperties: values', () => {
  it('drops non-finite numbers, functions and symbols, each reported at its path', () => {
    const { out, errors } = run({ a: NaN, b: Infinity, c: -Infinity, f() {}, s: Symbol('x'), keep: 0 });
    expect(out).toEqual({ keep: 0 });
    expect(errors).toEqual([
      { code: 'invalid_property', message: 'dropped NaN: not a finite number', path: 'properties.a' },
      { code: 'invalid_property', message: 'dropped Infinity: not a finite number', path: 'properties.b' },
      { code: 'invalid_property', message: 'dropped -Infinity: not a finite number', path: 'properties.c' },
      { code: 'invalid_property', message: 'dropped a function', path: 'properties.f' },
      { code: 'invalid_property', message: 'dropped a symbol', path: 'properties.s' },
    ]);
  });

  it('drops undefined values and symbol keys silently', () => {
    expect(run({ a: undefined, [Symbol('k')]: 1, b: 2 })).toEqual({ out: { b: 2 }, errors: [] });
  });

  it('converts BigInts to numbers when safe, to strings otherwise, silently', () => {
    expect(run({ small: 42n, big: 2n ** 64n, neg: -(2n ** 53n) })).toEqual({
      out: { small: 42, big: '18446744073709551616', neg: '-9007199254740992' },
      errors: [],
    });
  });

  it('converts Dates to ISO strings and drops invalid ones', () => {
    const { out, errors } = run({ at: new Date(Date.UTC(2026, 10, 1)), bad: new Date(NaN) });
    expect(out).toEqual({ at: '2026-11-01T00:00:00.000Z' });
    expect(errors).toEqual([{ code: 'invalid_property', message: 'dropped an invalid Date', path: 'properties.bad' }]);
  });

  it('drops Maps, Sets, DOM nodes and windows', () => {
    const node = { nodeType: 1, nodeName: 'DIV', innerHTML: '<p>' };
    const win: Record<string, unknown> = { document: {} };
    win.window = win;
    const { out, errors } = run({ m: new Map([[1, 2]]), s: new Set([1]), el: node, w: win, n: 1 });
    expect(out).toEqual({ n: 1 });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['properties.m', 'dropped a Map'],
      ['properties.s', 'dropped a Set'],
      ['properties.el', 'dropped a DOM node'],
      ['properties.w', 'dropped a window'],
    ]);
  });

  it('truncates long strings to 1,024 characters, reporting once per call', () => {
    const { out, errors } = run({ a: 'x'.repeat(2000), b: 'y'.repeat(1025), c: 'z'.repeat(1024) });
    expect(out).toEqual({ a: 'x'.repeat(1024), b: 'y'.repeat(1024), c: 'z'.repeat(1024) });
    expect(errors).toEqual([
      { code: 'invalid_property', message: 'truncated a 2000-character string to 1024', path: 'properties.a' },
    ]);
  });

  it('does not cut a surrogate pair in half', () => {
    const s = 'x'.repeat(1023) + '😀'.repeat(10);
    expect(run({ s }).out.s).toBe('x'.repeat(1023));
  });

  it('handles a megabyte string by slicing it', () => {
    const mb = 'x'.repeat(1 << 20);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) sanitizeProperties({ mb }, () => {});
    const perCall = (performance.now() - start) / 1000;
    const { out, errors } = run({ mb });
    expect(out.mb).toHaveLength(1024);
    expect(errors).toEqual([
      { code: 'invalid_property', message: 'truncated a 1048576-character string to 1024', path: 'properties.mb' },
    ]);
    // Scanning a megabyte takes ~0.3 ms or more; slicing takes microseconds.
    expect(perCall).toBeLessThan(0.1);
  });

  it('drops __proto__ keys instead of setting the prototype', () => {
    const { out, errors } = run(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(out).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(errors).toEqual([
      { code: 'invalid_property', message: 'dropped the key __proto__', path: 'properties.__proto__' },
    ]);
  });
});

describe('sanitizeProperties: nesting', () => {
  it('keeps nested objects and arrays, naming nested paths in reports', () => {
    const { out, errors } = run({ user: { plan: 'pro', avatar: () => 1 }, tags: ['a', NaN, undefined, 'b'] });
    expect(out).toEqual({ user: { plan: 'pro' }, tags: ['a', null, null, 'b'] });
    expect(errors.map((e) => e.path)).toEqual(['properties.user.avatar', 'properties.tags[1]']);
  });

  it('keeps 5 levels of nesting and drops the 6th', () => {
    // nest(6) is the top object and 5 nested ones.
    expect(run(nest(6, 1))).toEqual({ out: nest(6, 1), errors: [] });
    const { out, errors } = run(nest(7, 1));
    expect(out).toEqual(nest(5, {}));
    expect(errors).toEqual([
      {
        code: 'invalid_property',
        message: 'dropped a value nested deeper than 5 levels',
        path: 'properties.a.a.a.a.a.a',
      },
    ]);
    expect(run({ l: [[[[[[1]]]]]] }).errors[0].path).toBe('properties.l[0][0][0][0][0]');
  });

  it('cuts cycles, keeps shared (acyclic) references', () => {
    const a: Record<string, unknown> = { name: 'a' };
    const b: Record<string, unknown> = { name: 'b', a };
    a.b = b;
    const shared = { x: 1 };
    const list: unknown[] = [1];
    list.push(list);
    const top: Record<string, unknown> = { a, s1: shared, s2: shared, list };
    top.self = top;
    const { out, errors } = run(top);
    expect(out).toEqual({ a: { name: 'a', b: { name: 'b' } }, s1: { x: 1 }, s2: { x: 1 }, list: [1, null] });
    expect(errors).toEqual([
      { code: 'invalid_property', message: 'dropped a circular reference', path: 'properties.a.b.a' },
      { code: 'invalid_property', message: 'dropped a circular reference', path: 'properties.list[1]' },
      { code: 'invalid_property', message: 'dropped a circular reference', path: 'properties.self' },
    ]);
  });

  it('caps objects at 50 keys and arrays at 100 items', () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
    const r1 = run({ many, list: Array.from({ length: 150 }, (_, i) => i) });
    expect(Object.keys(r1.out.many as object)).toHaveLength(50);
    expect(r1.out.list).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(r1.errors).toEqual([
      { code: 'payload_too_large', message: 'kept the first 50 keys, dropped the rest', path: 'properties.many' },
      { code: 'payload_too_large', message: 'kept the first 100 of 150 items', path: 'properties.list' },
    ]);
  });

  it('reads no more of a 10,000-key object than the 50 keys it keeps', () => {
    // Its cost is bounded by what it keeps, not by the object: every value read is counted (speed is the bench's).
    let reads = 0;
    const big: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++)
      Object.defineProperty(big, `key${i}`, {
        enumerable: true,
        get: () => {
          reads++;
          return i;
        },
      });
    const { out, errors } = run(big);
    expect(reads).toBeLessThanOrEqual(51);
    expect(Object.keys(out)).toHaveLength(50);
    expect(out.key49).toBe(49);
    expect(errors).toHaveLength(1);
  });

  it('stops at about 16 KB of keys and strings, with one payload_too_large report', () => {
    const input = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'x'.repeat(1000)]));
    const { out, errors } = run(input);
    // Each entry costs 1000 + key length + 1: 16 fit in 16384; the 17th key is counted, its value is not.
    expect(Object.keys(out)).toEqual(Array.from({ length: 16 }, (_, i) => `k${i}`));
    expect(errors).toEqual([
      {
        code: 'payload_too_large',
        message: 'properties over 16384 bytes: truncated at 16058 bytes, dropped this and the rest',
        path: 'properties.k16',
      },
    ]);
  });

  it('bounds deeply nested arrays by the budget too', () => {
    const row = Array.from({ length: 100 }, () => 1);
    const cube = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => row));
    const { out, errors } = run({ cube });
    const kept = (out.cube as number[][][]).flat(2).length;
    expect(kept).toBeLessThan(16384);
    expect(errors.filter((e) => e.code === 'payload_too_large')).toHaveLength(1);
  });

  it('reports at most 10 problems per call', () => {
    const { out, errors } = run({ list: Array.from({ length: 50 }, () => NaN) });
    expect(out.list).toHaveLength(50);
    expect(errors).toHaveLength(10);
  });
});

describe('sanitizeProperties: hostile input', () => {
  it('drops a key whose getter throws and keeps the rest', () => {
    const input = {
      a: 1,
      get boom() {
        throw new Error('nope');
      },
      b: 2,
    };
    expect(run(input)).toEqual({
      out: { a: 1, b: 2 },
      errors: [{ code: 'invalid_property', message: 'dropped a value that threw when read', path: 'properties.boom' }],
    });
  });

  it('survives Proxies whose traps throw, at the top and nested', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('ownKeys');
        },
        get() {
          throw new Error('get');
        },
        getPrototypeOf() {
          throw new Error('getPrototypeOf');
        },
      },
    );
    const top = run(hostile);
    expect(top.out).toEqual({});
    expect(top.errors).toHaveLength(1);
    expect(top.errors[0]).toMatchObject({ path: 'properties' });

    const nested = run({ a: 1, p: hostile, b: 2 });
    expect(nested.out).toEqual({ a: 1, b: 2 });
    expect(nested.errors).toEqual([
      { code: 'invalid_property', message: 'dropped a value that threw when read', path: 'properties.p' },
    ]);

    const keysOnly = new Proxy(
      { x: 1 },
      {
        ownKeys: () => {
          throw new Error('ownKeys');
        },
      },
    );
    expect(run({ k: keysOnly, ok: true }).out).toEqual({ ok: true });
  });

  it('does not throw when the report callback throws', () => {
    const out = sanitizeProperties({ f() {}, a: 1 }, () => {
      throw new Error('listener');
    });
    expect(out).toEqual({ a: 1 });
  });

  it('is re-entrant: a getter that sanitises something else does not disturb the outer call', () => {
    const inner: WaymarkError[] = [];
    const input = {
      first: 'x'.repeat(2000),
      get nested() {
        return sanitizeProperties({ g() {} }, (e) => inner.push(e), 'traits');
      },
      last: 'y'.repeat(2000),
    };
    const { out, errors } = run(input);
    expect(out).toEqual({ first: 'x'.repeat(1024), nested: {}, last: 'y'.repeat(1024) });
    expect(errors.map((e) => e.path)).toEqual(['properties.first']);
    expect(inner).toEqual([{ code: 'invalid_property', message: 'dropped a function', path: 'traits.g' }]);
  });
});

/** No lone surrogate: encodeURIComponent throws on one. */
const wellFormed = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

describe('sanitizeProperties: characters no backend can store', () => {
  it('strips NUL and replaces lone surrogates with U+FFFD, in values and keys, keeping surrogate pairs; reports once', () => {
    const { out, errors } = run({
      note: 'a\u0000b',
      half: 'x\ud83d',
      low: '\ude00y',
      emoji: 'ok 😀',
      'k\u0000ey': 1,
      list: ['\u0000', 'fine'],
      deep: { v: '\udc00\ud800' },
    });
    expect(out).toEqual({
      note: 'ab',
      half: 'x\ufffd',
      low: '\ufffdy',
      emoji: 'ok 😀',
      key: 1,
      list: ['', 'fine'],
      deep: { v: '\ufffd\ufffd' },
    });
    expect(JSON.stringify(out)).not.toMatch(/\\u0000|\\ud[89ab]|\\ud[c-f]/i);
    for (const v of [out.note, out.half, out.low, (out.deep as { v: string }).v])
      expect(wellFormed(v as string)).toBe(true);
    expect(errors).toEqual([
      {
        code: 'invalid_property',
        path: 'properties.note',
        message: 'replaced characters that cannot be sent (NUL, lone surrogates)',
      },
    ]);
  });

  it('cleans a string cut at the length limit too', () => {
    const { out } = run({ s: `${'a'.repeat(1020)}\u0000\u0000😀😀` });
    expect(wellFormed(out.s as string)).toBe(true);
    expect(out.s).not.toContain('\u0000');
  });
});
