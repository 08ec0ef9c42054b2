// The entry of dist/waymark.global.js, the script tag in English: everything in one file (runScript).
// dist/waymark.<locale>.global.js are the same program with one more string set each (global.de.ts and the others).
import { runScript } from './runScript';

runScript();
