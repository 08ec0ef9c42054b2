import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { mountWidget } from '../../widget/index';
import { sampleClient } from './sample';

/**
 * Loads the widget's views (their own import() chunk in the ESM build) through the public entry, so it works the
 * same against source and against dist/: one mount starts the load, the import is waited for, the mount goes.
 * Mounts after it draw the views at once, as on a page that has loaded them.
 *
 * @example
 * beforeAll(loadWidgetViews);
 */
export async function loadWidgetViews() {
  let handle!: ReturnType<typeof mountWidget>;
  act(() => {
    handle = mountWidget(sampleClient(), { locale: 'en-US' });
  });
  await vi.dynamicImportSettled();
  act(() => handle.destroy());
}
