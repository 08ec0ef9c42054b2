// The entry of dist/waymark.es.global.js: the script tag in Spanish (and English), everything in one file. Its
// locale is es unless data-locale or init() names another.
import { es } from '../locales/es';
import { runScript } from './runScript';

runScript({ locale: 'es', strings: es });
