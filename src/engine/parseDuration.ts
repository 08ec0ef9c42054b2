/**
 * Reads a duration (`Nm`, `Nh`, `Nd` or `Nw`, N a positive whole number) as milliseconds; anything else gives `undefined`.
 *
 * @example
 * parseDuration('14d'); // 1209600000
 * parseDuration('1.5h'); // undefined
 */
export function parseDuration(value: unknown): number | undefined {
  const m = /^([1-9]\d*)([mhdw])$/.exec(typeof value === 'string' ? value : '');
  return m ? +m[1] * { m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[m[2]]! : undefined;
}
