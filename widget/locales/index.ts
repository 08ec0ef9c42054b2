// The `waymark/widget/locales` entry: complete string sets for the widget, one named export per language, each its
// own module so a bundler keeps only the ones imported. `import { de } from 'waymark/widget/locales'`, then
// `mountWidget(wm, { locale: 'de', strings: de })`. The script tag has a file per language (widget/script/global.de.ts).
export { de } from './de';
export { es } from './es';
export { fr } from './fr';
export { ja } from './ja';
export { ptBR } from './ptBR';
