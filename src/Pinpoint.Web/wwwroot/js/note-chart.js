// Body chart on the session note: tapping (or Space/Enter on) an area of the map chooses it as the new point's place.
(() => {
  const chart = document.querySelector('[data-note-chart]');
  const input = document.querySelector('[data-region-input]');
  const side = document.querySelector('#new-side');
  if (!chart || !input) return;
  // With script, phones show one figure at a time and a Front/Back toggle, as on the pain map.
  chart.classList.add("is-live");
  for (const toggle of chart.querySelectorAll(".view-toggle")) toggle.hidden = false;

  const choose = (path) => {
    input.value = path.dataset.region;
    // A region on one side of the body decides the point's side (a midline region leaves the choice as it was).
    if (side && path.dataset.side) side.value = path.dataset.side;
    for (const p of chart.querySelectorAll('.region.is-chosen')) p.classList.remove('is-chosen');
    path.classList.add('is-chosen');
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  chart.addEventListener('click', (e) => {
    const path = e.target.closest('.region[data-region]');
    if (path) choose(path);
  });
  chart.addEventListener('keydown', (e) => {
    const path = e.target.closest('.region[data-region]');
    if (path && (e.key === ' ' || e.key === 'Enter')) { e.preventDefault(); choose(path); }
  });
  for (const button of chart.querySelectorAll('[data-show-view]')) {
    button.addEventListener('click', () => {
      chart.querySelector('.body-views').dataset.activeView = button.dataset.showView;
      for (const b of chart.querySelectorAll('[data-show-view]')) b.setAttribute('aria-pressed', String(b === button));
    });
  }
})();
