import { DAY, HOUR, MINUTE, SECOND } from '../timeUnits';

/**
 * How long to wait after each failed attempt before the next: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (the schedule
 * Svix uses for Standard Webhooks). Eight attempts in all, the last 27 h 35 min after the first, so a receiver that is
 * down for a day still gets everything.
 */
export const RETRY_DELAYS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** Wall time an attempt may take: a 2xx within it is success. */
export const ATTEMPT_TIMEOUT = 15 * SECOND;

/** An endpoint whose every attempt has failed for this long is disabled (and reported). */
export const DISABLE_AFTER = 5 * DAY;

/** Finished deliveries are kept in the log this long (wall time), then pruned by the scheduled run. */
export const KEEP_DELIVERIES = 30 * DAY;

/**
 * The wait before the next automatic attempt, after `attempts` automatic attempts failed; undefined when the schedule
 * is over (the delivery has failed).
 *
 * @example
 * nextRetryDelay(1); // 5000
 * nextRetryDelay(8); // undefined
 */
export const nextRetryDelay = (attempts: number, delays = RETRY_DELAYS): number | undefined => delays[attempts - 1];

/** How a span of ms reads in the log and the admin API: `27.6 h`, `5 min`, `300 ms`. */
export const span = (ms: number) =>
  ms >= HOUR
    ? `${Math.round((ms / HOUR) * 10) / 10} h`
    : ms >= MINUTE
      ? `${Math.round(ms / MINUTE)} min`
      : ms >= SECOND
        ? `${Math.round(ms / SECOND)} s`
        : `${ms} ms`;
