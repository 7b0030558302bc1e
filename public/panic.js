// The buttons of Stackdraft's panic panel (made by src/app/browser.rs when the app
// panics). Plain JavaScript, inlined into index.html by the post-build hook and allowed
// by its hash: by the time the buttons are pressed the WebAssembly module has stopped,
// and a strict Content-Security-Policy refuses inline handlers or eval.
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
