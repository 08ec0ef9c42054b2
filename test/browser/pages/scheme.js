// The page's own theme switch: a class on <html>, from ?theme= and the button.
var theme = new URLSearchParams(location.search).get('theme');
if (theme) document.documentElement.className = theme;
document.getElementById('theme').addEventListener('click', () => {
  document.documentElement.className = document.documentElement.className ? '' : 'dark';
});
