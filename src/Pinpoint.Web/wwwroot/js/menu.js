// On a phone the header is one short row: the brand and a Menu button that opens the links beneath it.
(() => {
  const header = document.querySelector('.site-header');
  const toggle = header && header.querySelector('.menu-toggle');
  if (!toggle) return;
  const phone = window.matchMedia('(max-width: 47.99rem)');
  const apply = () => {
    document.documentElement.classList.toggle('js-menu', phone.matches);
    toggle.hidden = !phone.matches;
    if (!phone.matches) header.classList.remove('is-open');
    toggle.setAttribute('aria-expanded', String(header.classList.contains('is-open')));
  };
  toggle.addEventListener('click', () => {
    header.classList.toggle('is-open');
    toggle.setAttribute('aria-expanded', String(header.classList.contains('is-open')));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && header.classList.contains('is-open')) {
      header.classList.remove('is-open');
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    }
  });
  phone.addEventListener('change', apply);
  apply();
})();
