// Queued before load: the widget with Share, in the locale and theme the URL asks for (?locale=de&theme=dark).
var params = new URLSearchParams(location.search);
if (params.get('theme')) document.documentElement.className = params.get('theme');
document.addEventListener('click', function (e) {
  if (e.target && e.target.id === 'theme') document.documentElement.className = document.documentElement.className ? '' : 'dark';
});
waymark.init({
  projectKey: 'pk_widget',
  milestonesUrl: '/examples/plain-html/milestones.json',
  widget: { locale: params.get('locale') || 'en', share: { url: 'https://acme.example/', name: 'Acme Tasks' } },
});
