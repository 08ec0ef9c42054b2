import { render } from 'preact-render-to-string';
import { expect, it } from 'vitest';
import { readDeliveriesQuery } from '../src/dashboard/deliveriesQuery';
import { WebhooksPage } from '../src/dashboard/pages/WebhooksPage';
import type { EndpointView } from '../src/webhooks/listEndpoints';

// The dashboard's Webhooks page as the server renders it, for the endpoints' one-line summaries.
const endpoint = (events: string[]): EndpointView => ({
  id: 'ep_1',
  url: 'http://127.0.0.1:3000/waymark',
  events,
  status: 'active',
  deliveries: { pending: 0, succeeded: 5, failed: 0, skipped: 0 },
});

const summary = (events: string[]) => {
  const html = render(
    WebhooksPage({
      projectKey: 'pk_test',
      csrf: 'token',
      query: readDeliveriesQuery({}),
      endpoints: [endpoint(events)],
      deliveries: [],
      triggers: [],
    }),
  );
  return /<span class="small muted">(.*?)<\/span>/.exec(html)?.[1]?.replace(/<!-- -->/g, '');
};

it('an endpoint with `events: ["*"]` (the default) reads "every event", not "*"', () => {
  expect(summary(['*'])).toBe('every event · 5 succeeded, 0 failed, 0 pending');
  expect(summary(['milestone.achieved', 'trigger.fired'])).toBe(
    'milestone.achieved, trigger.fired · 5 succeeded, 0 failed, 0 pending',
  );
});
