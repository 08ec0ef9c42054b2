// The entry of dist/waymark.ja.global.js: the script tag in Japanese (and English), everything in one file. Its
// locale is ja unless data-locale or init() names another.
import { ja } from '../locales/ja';
import { runScript } from './runScript';

runScript({ locale: 'ja', strings: ja });
