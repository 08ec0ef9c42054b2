// A clock the demo can move forward a day at a time, so streaks and due dates can be tried in a
// minute instead of a week. waymark takes any clock through its `now` option.

const KEY = 'acme:demo-days';
const DAY = 86_400_000;

const read = () => {
  try {
    return Number(localStorage.getItem(KEY)) || 0;
  } catch {
    return 0;
  }
};

/**
 * The real time plus the days skipped so far (kept in localStorage across reloads).
 *
 * @example
 * const clock = createDemoClock();
 * const wm = createWaymark({ projectKey: 'pk', now: clock.now });
 * clock.next(); // tomorrow
 */
export const createDemoClock = () => {
  let days = read();
  const store = () => {
    try {
      localStorage.setItem(KEY, String(days));
    } catch {
      // blocked storage: the skip lasts for this visit
    }
  };
  return {
    now: () => Date.now() + days * DAY,
    /** 1 on the first day. */
    day: () => days + 1,
    next: () => {
      days++;
      store();
    },
    reset: () => {
      days = 0;
      store();
    },
  };
};
