// Queued before load: the widget with Share, in the file, locale, theme, position and offset the URL asks for
// (?lang=de&theme=dark&position=bottom-left&offset).
var params = new URLSearchParams(location.search);
if (params.get('theme')) document.documentElement.className = params.get('theme');
// ?offset: scheme.css moves the widget away from the page's own fixed UI with --waymark-offset-bottom and -side.
if (params.has('offset')) document.documentElement.classList.add('offset');
document.addEventListener('click', (e) => {
  if (e.target && e.target.id === 'theme')
    document.documentElement.className = document.documentElement.className ? '' : 'dark';
});
var widget = { share: { url: 'https://acme.example/', name: 'Acme Tasks' } };
if (params.get('locale')) widget.locale = params.get('locale');
if (params.get('position')) widget.position = params.get('position');
waymark.init({ projectKey: 'pk_widget', milestonesUrl: '/examples/plain-html/milestones.json', widget: widget });
// The script-tag file in the language ?lang= asks for (dist/waymark.de.global.js), else the English one.
var script = document.createElement('script');
script.async = true;
script.src = `/dist/waymark.${params.get('lang') ? `${params.get('lang')}.` : ''}global.js`;
document.head.appendChild(script);
