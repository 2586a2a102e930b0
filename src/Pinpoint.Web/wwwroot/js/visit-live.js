// The client's live visit page: listen to the server-sent event stream and redraw the page from each visit it sends.
// Where the stream does not get through (an old browser, a proxy that buffers it, repeated drops), ask the JSON
// endpoint every five seconds instead. Without script the page still shows the visit as it was, with "Look again".
(() => {
  const root = document.querySelector('[data-visit-live]');
  if (!root) return;
  const order = ['on-the-way', 'arrived', 'checked-out'];
  const connection = document.querySelector('[data-live-connection]');
  const headline = root.querySelector('[data-live-headline]');
  const label = root.querySelector('[data-live-label]');
  const position = root.querySelector('[data-live-position]');

  const say = (text) => {
    if (connection && connection.firstChild) connection.firstChild.textContent = text + ' ';
  };

  const render = (visit) => {
    if (visit.version === root.dataset.version && visit.stage === root.dataset.stage) return;
    root.dataset.version = visit.version;
    root.dataset.stage = visit.stage;
    root.dataset.over = visit.over ? 'true' : 'false';
    label.textContent = visit.stageLabel;
    // The status region announces the new sentence once; a screen reader hears each change of stage or arrival time.
    if (headline.textContent !== visit.headline) headline.textContent = visit.headline;
    const reached = new Map(visit.milestones.map((m) => [m.stage, m.time]));
    const current = order.indexOf(visit.stage);
    for (const item of root.querySelectorAll('[data-step]')) {
      const key = item.dataset.step;
      const index = order.indexOf(key);
      const state = key === visit.stage ? 'current' : reached.has(key) || (current >= 0 && index < current) ? 'done' : 'todo';
      item.className = `live-step live-step-${state}`;
      if (state === 'current') item.setAttribute('aria-current', 'step'); else item.removeAttribute('aria-current');
      item.querySelector('[data-step-time]').textContent = reached.get(key) || '';
      item.querySelector('[data-step-said]').textContent = state === 'todo' ? ', not yet' : state === 'current' ? ', now' : ', done';
    }
    if (visit.position) {
      position.textContent = `About ${visit.position.distanceKm.toFixed(1)} km from you in a straight line, as of ${visit.position.time}.`;
      position.hidden = false;
    } else {
      position.textContent = '';
      position.hidden = true;
    }
    if (visit.over) say('Nothing more will change on this page.');
  };

  let polling = false;
  const poll = async () => {
    try {
      const response = await fetch(root.dataset.poll, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (response.ok) {
        const visit = await response.json();
        render(visit);
        if (visit.over) return;
      }
    } catch {
      // a dropped request: ask again at the next tick
    }
    window.setTimeout(poll, 5000);
  };
  const startPolling = () => {
    if (polling) return;
    polling = true;
    root.dataset.transport = 'polling';
    poll();
  };

  if (root.dataset.over === 'true') return;
  if (!('EventSource' in window)) {
    startPolling();
    return;
  }

  const source = new EventSource(root.dataset.stream);
  root.dataset.transport = 'stream';
  let failures = 0;
  source.addEventListener('visit', (event) => {
    failures = 0;
    render(JSON.parse(event.data));
  });
  source.addEventListener('end', () => source.close());
  // The browser reconnects by itself after a drop or when the server ends a long stream; three failures in a row
  // without a message in between mean the stream does not get through here, so fall back to asking.
  source.addEventListener('error', () => {
    failures += 1;
    if (source.readyState === EventSource.CLOSED || failures >= 3) {
      source.close();
      startPolling();
    }
  });
})();
