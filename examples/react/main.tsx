/** @jsxImportSource react */
// The browser entry of the React example (bundled by serve.mjs, after `npm run build`). It imports waymark by its
// package names, as your app does; inside this repository they resolve to the freshly built dist/.
import { createRoot } from 'react-dom/client';
import { createWaymark } from 'waymark';
import { defineElements, mountWidget } from 'waymark/widget';
import { App } from './App';
import { levels, milestones } from './milestones';

const wm = createWaymark({ projectKey: 'pk_react_demo', milestones, levels });
defineElements(wm);
mountWidget(wm);
createRoot(document.getElementById('root')!).render(<App wm={wm} />);
