// The entry of dist/waymark.pt-BR.global.js: the script tag in Brazilian Portuguese (and English), everything in one
// file. Its locale is pt-BR unless data-locale or init() names another.
import { ptBR } from '../locales/ptBR';
import { runScript } from './runScript';

runScript({ locale: 'pt-BR', strings: ptBR });
