/** @jsxImportSource react */
// The browser entry of the React example (bundled by serve.mjs). In your app: import from 'waymark'
// and 'waymark/widget'.
import { createRoot } from 'react-dom/client';
import { createWaymark } from '../../src/index';
import { defineElements, mountWidget } from '../../widget/index';
import { App } from './App';
import { levels, milestones } from './milestones';

const wm = createWaymark({ projectKey: 'pk_react_demo', milestones, levels });
defineElements(wm);
mountWidget(wm);
createRoot(document.getElementById('root')!).render(<App wm={wm} />);
