// launcher.html: no floating launcher, one <waymark-launcher> in the page's bar, placed by ?at= (top-left, top-right,
// bottom-left, bottom-right) and themed by ?theme=dark.
var params = new URLSearchParams(location.search);
var at = (params.get('at') || 'top-left').split('-');
document.documentElement.className = `${at.join(' ')} ${params.get('theme') || ''}`;
waymark.init({
  projectKey: 'pk_launcher',
  milestonesUrl: '/examples/plain-html/milestones.json',
  launcher: false,
  widget: { share: { url: 'https://acme.example/', name: 'Acme Tasks' } },
});
