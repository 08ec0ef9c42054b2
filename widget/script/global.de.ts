// The entry of dist/waymark.de.global.js: the script tag in German (and English), everything in one file. Its
// locale is de unless data-locale or init() names another.
import { de } from '../locales/de';
import { runScript } from './runScript';

runScript({ locale: 'de', strings: de });
