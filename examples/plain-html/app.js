// The host page's own code: no inline handlers, so it runs under `default-src 'self'`.
document.addEventListener('click', (e) => {
  const button = e.target.closest?.('button');
  if (!button) return;
  if (button.id === 'reset') {
    waymark.reset().then(() => {
      location.reload();
    });
    return;
  }
  const name = button.getAttribute('data-track');
  const times = Number(button.getAttribute('data-times') || 1);
  for (let i = 0; i < times; i++) waymark.track(name);
});
waymark.on('achieved', (m) => {
  console.log('achieved:', m.id);
});
