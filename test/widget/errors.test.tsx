// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage, createWaymark } from '../../src/index';
import type { WaymarkError } from '../../src/types';
import { mountWidget } from '../../widget/index';
import { fakeClient } from './fakeClient';
import { mount } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('widget problems are reported clearly', () => {
  it('mountWidget(undefined) names the mistake, instead of raw TypeErrors, and returns a working handle', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onError = vi.fn();
    const handle = mountWidget(undefined as never, { onError });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith({
      code: 'invalid_argument',
      path: 'mountWidget',
      message: 'expected a waymark client (from createWaymark), got undefined',
    });
    expect(() => {
      handle.open();
      handle.close();
      handle.destroy();
    }).not.toThrow();
    mountWidget({} as never);
    expect(warn).toHaveBeenCalledWith(
      '[waymark]',
      'mountWidget: expected a waymark client (from createWaymark), got object',
    );
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/Cannot read properties/);
    expect(document.querySelector('[data-waymark-widget]')).toBeNull();
  });

  it("position 'inline' without a target is reported, and the widget mounts bottom-right instead", () => {
    const onError = vi.fn();
    const wm = fakeClient();
    const w = mount(wm, { position: 'inline', onError });
    const expected = {
      code: 'invalid_option',
      path: 'target',
      message: 'position "inline" needs a target element; mounted bottom-right instead',
    };
    expect(onError).toHaveBeenCalledWith(expected);
    expect(wm.reported).toEqual([expected]);
    expect(w.$('.wm')!.className).toContain('br');
  });

  it('a bad option is reported with its path, and its default applies', () => {
    const wm = fakeClient();
    const w = mount(wm, {
      position: 'top' as never,
      theme: { colorScheme: 'purple' as never },
      strings: { titel: 'x' } as never,
    });
    expect(wm.reported.map((e) => `${e.code} ${e.path}`)).toEqual([
      'invalid_option position',
      'invalid_option theme.colorScheme',
      'invalid_option strings.titel',
    ]);
    expect(wm.reported[0].message).toBe('expected one of "bottom-right", "bottom-left", "inline", got "top"');
    expect(w.$('.wm')!.className).toContain('br');
  });

  it("reach a real client's error listeners as well as onError", async () => {
    const wm = createWaymark({ projectKey: 'pk_widget_errors', storage: createMemoryStorage() });
    const heard: WaymarkError[] = [];
    wm.on('error', (e) => heard.push(e));
    await wm.ready;
    const onError = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let handle!: ReturnType<typeof mountWidget>;
    act(() => {
      handle = mountWidget(wm, { position: 'inline', onError });
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(heard).toEqual([onError.mock.calls[0][0]]);
    expect(heard[0].code).toBe('invalid_option');
    // A set-up problem, so the client also warns about it once on the console.
    expect(warn).toHaveBeenCalledWith(
      '[waymark] target: position "inline" needs a target element; mounted bottom-right instead',
    );
    handle.destroy();
    wm.destroy();
  });

  it('a render failure reaches the client too', () => {
    const wm = fakeClient();
    wm.milestones = () => {
      throw new Error('boom');
    };
    mount(wm);
    expect(wm.reported).toContainEqual({ code: 'widget_error', message: 'boom' });
  });
});
