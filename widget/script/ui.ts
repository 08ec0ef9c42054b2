// The entry of waymark.ui.js: the Preact widget (panel, toast, celebrations, inline elements' views) that the
// script-tag build loads on first use. It imports `../mountInto`, not `./mountInto`: the seam plugin must not swap it.
export { mountInto } from '../mountInto';
export { mountElement } from '../mountElement';
