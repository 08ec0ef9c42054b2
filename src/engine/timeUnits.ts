// The engine's units of time in ms, for its calendar days, rolling windows and durations: one home for each.

export const MINUTE = 6e4;
export const HOUR = 36e5;
export const DAY = 864e5;
