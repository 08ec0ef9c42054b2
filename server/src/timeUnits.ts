// The server's units of time in ms, for its windows, retries, timeouts and day counts: one home for each, named as
// the engine's are (src/engine/timeUnits.ts).

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
