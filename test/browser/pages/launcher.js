// launcher.html: no floating launcher, one <waymark-launcher> in the page's bar, placed by ?at= (top-left, top-right,
// bottom-left, bottom-right, or top-middle: the bar's items centred), themed by ?theme=dark, and with ?bar=scrolls
// (the bar scrolls away with a long page) or ?bar=transformed (the bar has a CSS transform) as launcher.css says.
var params = new URLSearchParams(location.search);
var at = (params.get('at') || 'top-left').split('-');
document.documentElement.className = `${at.join(' ')} ${params.get('theme') || ''} ${params.get('bar') || ''}`;
waymark.init({
  projectKey: 'pk_launcher',
  milestonesUrl: '/examples/plain-html/milestones.json',
  launcher: false,
  widget: { share: { url: 'https://acme.example/', name: 'Acme Tasks' } },
});
