// The operators' live board refreshes itself: every few seconds it fetches the board part again and swaps it in.
// It waits while the operator is on the board (focus inside it, a note typed and not sent, an error shown), so nothing
// they are doing is thrown away, and while the tab is hidden. Without script the page's Refresh link does the same by hand.
(() => {
  const board = document.querySelector('[data-live-board]');
  if (!board || !window.fetch) return;
  const url = board.dataset.refreshUrl;
  const seconds = Number(board.dataset.refreshSeconds) || 10;
  let refreshes = 0;

  // A form's error on the page (a close without a note) stays until the operator acts on it.
  const busy = () => board.contains(document.activeElement) && document.activeElement !== board ||
    [...board.querySelectorAll('textarea')].some((note) => note.value.trim() !== '') ||
    board.querySelector('[aria-invalid="true"]') !== null;

  const refresh = async () => {
    if (document.hidden || busy()) return;
    try {
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } });
      if (response.redirected) { window.location.reload(); return; } // signed out: let the page show the sign-in
      if (!response.ok) return; // a hiccup: keep what is shown, try again at the next tick
      const html = await response.text();
      if (busy()) return;
      board.innerHTML = html;
      board.dataset.refreshes = String(++refreshes);
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  };

  window.setInterval(refresh, seconds * 1000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
})();
