import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { client, destroyClients, destroyLater, freshIndexedDB } from './client.helpers';

beforeEach(freshIndexedDB);
afterEach(destroyClients);

const levels = [{ id: 'getting-started', title: 'Getting started', milestones: ['first-project', 'five-tasks'] }];

describe('level celebration claims (level:{id})', () => {
  it('carry over from the anonymous user on identify(), like a milestone claim', async () => {
    const { wm } = client({ levels });
    await wm.ready;
    expect(await wm.claimCelebration('level:getting-started')).toBe(true);
    wm.identify('u_1');
    await wm.flush();
    expect(await wm.claimCelebration('level:getting-started')).toBe(false);
  });

  it('are deleted by reset(), like a milestone claim', async () => {
    const { wm } = client({ levels, userId: 'alice' });
    await wm.ready;
    expect(await wm.claimCelebration('level:getting-started')).toBe(true);
    await wm.reset();
    wm.identify('alice');
    await wm.flush();
    expect(await wm.claimCelebration('level:getting-started')).toBe(true);
  });
});

describe('report()', () => {
  it("delivers a problem found outside the client to the client's error listeners", async () => {
    const { wm, errors } = client();
    await wm.ready;
    wm.report({ code: 'widget_unavailable', message: 'the widget could not load', path: 'widget' });
    expect(errors).toEqual([{ code: 'widget_unavailable', message: 'the widget could not load', path: 'widget' }]);
  });

  it('warns on the console when nobody listens, and names what was wrong with a bad argument', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { createWaymark } = await import('../src/index');
    const wm = destroyLater(createWaymark({ projectKey: 'pk_quiet', storage: 'memory' }));
    await wm.ready;
    wm.report({ code: 'widget_error', message: 'boom' });
    expect(warn).toHaveBeenCalledWith('[waymark] boom');
    const errors: unknown[] = [];
    wm.on('error', (e) => errors.push(e));
    expect(() => wm.report('nope' as never)).not.toThrow();
    expect(errors).toEqual([
      { code: 'invalid_argument', path: 'report', message: 'expected an error { code, message, path? }, got "nope"' },
    ]);
    warn.mockRestore();
  });
});
