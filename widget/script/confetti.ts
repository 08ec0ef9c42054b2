// Entry of dist/waymark.confetti.js: canvas-confetti for the script-tag build (`window.__waymark_confetti`).
export { create } from 'canvas-confetti';
