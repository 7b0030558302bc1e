// The buttons of Stackdraft's panic panel (made by src/app/browser.rs when the app
// panics). Plain JavaScript in a file of the page's own: by the time they are pressed
// the WebAssembly module has stopped, and a strict Content-Security-Policy allows a
// same-origin script where it would refuse inline handlers or eval.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button) return;
  if (button.id === 'panic-reload') {
    location.reload();
    return;
  }
  if (button.id !== 'panic-copy') return;
  const area = document.getElementById('panic-json');
  const status = document.getElementById('panic-status');
  const fallback = () => {
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    status.textContent = copied ? 'Copied.' : 'Select the text above and copy it.';
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(area.value).then(() => {
      status.textContent = 'Copied.';
    }, fallback);
  } else {
    fallback();
  }
});
