// Registers Stackdraft's service worker (public/sw.js) and offers a reload when a newer
// version is ready. A module the page imports once it has loaded, so the first load does
// not wait for it: the post-build hook (scripts/offline.mjs) writes it minified to
// dist/sw-register.js and adds the import to index.html, in release builds only.
const container = navigator.serviceWorker;
if (container) {
  let reloading = false;

  // Says, quietly, once this version works offline: a worker controls the page only after
  // its install has cached every file of the build (sw.js), and until the page is reloaded
  // into a newer build it serves this one.
  const readyOffline = (text = 'Ready offline: this version of Stackdraft is saved in this browser and opens without a network.') => {
    const foot = document.querySelector('.foot');
    if (!foot) return;
    let status = document.getElementById('offline-status');
    if (!status) {
      status = document.createElement('p');
      status.id = 'offline-status';
      status.className = 'hint';
      foot.append(status);
    }
    status.textContent = text;
  };

  container.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
    else readyOffline();
  });

  const button = (id, text, className, onClick) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = id;
    b.className = className;
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  };

  // A polite live region, filled a moment after it is in the page so screen readers
  // announce it; focus stays where the person is working.
  const offer = (registration) => {
    readyOffline('Ready offline with this version; a newer one is saved too and opens once you reload.');
    if (document.getElementById('update-note')) return;
    const note = document.createElement('div');
    note.id = 'update-note';
    note.className = 'update-note';
    note.setAttribute('role', 'status');
    document.body.append(note);
    setTimeout(() => {
      const text = document.createElement('span');
      text.textContent = 'A new version of Stackdraft is ready. Your design is kept.';
      const reload = button('update-reload', 'Reload', '', () => {
        reloading = true;
        reload.disabled = true;
        // The new version waits until asked; if another tab already let it in, reload.
        if (registration.waiting) registration.waiting.postMessage('stackdraft-activate');
        else location.reload();
      });
      const later = button('update-later', 'Later', 'secondary', () => note.remove());
      note.append(text, reload, later);
    }, 100);
  };

  const register = async () => {
    let registration;
    try {
      registration = await container.register(new URL('sw.js', import.meta.url));
    } catch (error) {
      console.warn(`Stackdraft will not work offline: ${error}`);
      return;
    }
    if (!registration) return;
    if (container.controller) readyOffline();
    // A worker that finished installing while an older one runs the page waits: offer it.
    const track = (worker) =>
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && container.controller) offer(registration);
      });
    if (registration.waiting && container.controller) offer(registration);
    track(registration.installing);
    registration.addEventListener('updatefound', () => track(registration.installing));
  };
  register();
}
