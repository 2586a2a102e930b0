// The therapist's visit buttons. Without script each is a plain form and the visit moves on without a position.
// With script, and only after the therapist ticked "Share my position" (remembered on this phone), a tap first asks the
// phone where it is (a few seconds at most) and sends that with the form; while on the way, the visit page sends the
// latest position every 30 seconds, and stops as soon as the server says the drive is over.
(() => {
  const key = 'pinpoint.share-position';
  const sharing = () => { try { return window.localStorage.getItem(key) === 'yes'; } catch { return false; } };
  const geo = 'geolocation' in navigator ? navigator.geolocation : null;

  const share = document.querySelector('[data-share]');
  const toggle = document.querySelector('[data-share-toggle]');
  if (share && toggle && geo) {
    share.hidden = false;
    toggle.checked = sharing();
    toggle.addEventListener('change', () => {
      try { window.localStorage.setItem(key, toggle.checked ? 'yes' : 'no'); } catch { /* private mode: ask each time */ }
      if (toggle.checked) geo.getCurrentPosition(() => {}, () => {}, { timeout: 8000 }); // asks the phone's permission now
    });
  }

  const wantPosition = () => geo && (toggle ? toggle.checked : sharing());

  for (const form of document.querySelectorAll('form[data-visit-tap="position"]')) {
    form.addEventListener('submit', (event) => {
      if (!wantPosition() || form.dataset.located === 'yes') return;
      event.preventDefault();
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      const send = () => { form.dataset.located = 'yes'; form.submit(); };
      geo.getCurrentPosition((place) => {
        form.querySelector('[data-geo="latitude"]').value = String(place.coords.latitude);
        form.querySelector('[data-geo="longitude"]').value = String(place.coords.longitude);
        form.querySelector('[data-geo="accuracy"]').value = String(Math.round(place.coords.accuracy));
        send();
      }, send, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 });
    });
  }

  const page = document.querySelector('.visit-page[data-stage="on-the-way"]');
  if (!page || !wantPosition()) return;
  let last = 0;
  let watch = null;
  watch = geo.watchPosition(async (place) => {
    const now = Date.now();
    if (now - last < 30000) return;
    last = now;
    try {
      const response = await fetch(page.dataset.positionUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ latitude: place.coords.latitude, longitude: place.coords.longitude, accuracy: Math.round(place.coords.accuracy) }),
      });
      if (response.status === 409 || response.status === 404) geo.clearWatch(watch); // arrived, closed or not ours: stop sharing
    } catch {
      // no signal for a moment: the next position goes when it can
    }
  }, () => {}, { enableHighAccuracy: true, maximumAge: 15000 });
})();
