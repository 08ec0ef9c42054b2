// JSX types for waymark's custom elements (registered by `defineElements(wm)` from 'waymark/widget'), so that
// `<waymark-progress milestone="ten-tasks" />` type-checks in React 19. They come with `import … from 'waymark/react'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type WaymarkElement<P = object> = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & P;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** One milestone's progress bar, status, badge and next step. */
      'waymark-progress': WaymarkElement<{ milestone: string }>;
      /** One level as a checklist ("Getting started · 2 of 3"). */
      'waymark-checklist': WaymarkElement<{ level: string }>;
      /** The badges earned so far. */
      'waymark-badges': WaymarkElement;
      /** The launcher and its panel, inline where it is placed. */
      'waymark-launcher': WaymarkElement;
    }
  }
}
