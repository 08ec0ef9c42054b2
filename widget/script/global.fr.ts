// The entry of dist/waymark.fr.global.js: the script tag in French (and English), everything in one file. Its
// locale is fr unless data-locale or init() names another.
import { fr } from '../locales/fr';
import { runScript } from './runScript';

runScript({ locale: 'fr', strings: fr });
