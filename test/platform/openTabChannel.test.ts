import { afterEach, expect, it } from 'vitest';
import type { TabChannel } from '../../src/client/Platform';
import { openTabChannel } from '../../src/platform/browser/openTabChannel';

const open: TabChannel[] = [];
afterEach(() => {
  for (const channel of open.splice(0)) channel.close();
});

it('reaches the other channels of the same name (a real BroadcastChannel), not the sender nor other names', async () => {
  const heard: string[] = [];
  const received = new Promise<void>((resolve) => {
    open.push(
      openTabChannel('tabs-test', (message) => {
        heard.push(`b:${JSON.stringify(message)}`);
        resolve();
      })!,
    );
  });
  const a = openTabChannel('tabs-test', (message) => heard.push(`a:${JSON.stringify(message)}`))!;
  open.push(a, openTabChannel('tabs-other', (message) => heard.push(`other:${JSON.stringify(message)}`))!);
  a.post({ n: 1 });
  await received;
  // One more round trip on the same channel: anything wrongly delivered to `a` or `other` would have arrived by now.
  const second = new Promise<void>((resolve) => open.push(openTabChannel('tabs-test', () => resolve())!));
  a.post({ n: 2 });
  await second;
  expect(heard).toEqual(['b:{"n":1}', 'b:{"n":2}']);
});

it('a message that cannot be cloned is dropped, not thrown into the page', () => {
  const a = openTabChannel('tabs-test-2', () => {})!;
  open.push(a);
  expect(() => a.post({ f: () => 1 })).not.toThrow();
});
