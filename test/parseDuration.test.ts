import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/engine';

describe('parseDuration', () => {
  it.each([
    ['1m', 60_000],
    ['30m', 30 * 60_000],
    ['2h', 2 * 3_600_000],
    ['14d', 14 * 86_400_000],
    ['1w', 7 * 86_400_000],
    ['52w', 52 * 7 * 86_400_000],
  ])('reads %s as %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([
    '0d',
    '-1d',
    '014d',
    '1.5h',
    '14 d',
    ' 14d',
    '14d ',
    '14D',
    '14',
    'd',
    '',
    '14dd',
    '1y',
    '14s',
    '1e3m',
    '+1d',
  ])('rejects the string %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it.each([14, 0, null, undefined, true, {}, ['14d'], { toString: () => '14d' }])(
    'rejects the non-string %j',
    (input) => {
      expect(parseDuration(input)).toBeUndefined();
    },
  );

  it('never throws on values whose coercion throws', () => {
    const hostile = {
      toString: () => {
        throw new Error('boom');
      },
    };
    expect(parseDuration(hostile)).toBeUndefined();
    expect(parseDuration(Symbol('x'))).toBeUndefined();
  });
});
