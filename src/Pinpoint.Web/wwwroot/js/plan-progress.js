// While a day plan is being worked out, ask the API for its progress every two seconds, show it, say it to screen
// readers, and open the finished plan when it is ready. Without script the page offers a link to look again.
(() => {
  const box = document.querySelector('[data-plan-poll]');
  if (!box) return;
  const bar = box.querySelector('progress');
  const said = box.querySelector('[data-plan-said]');
  let lastTenth = -1;
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.planPoll, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const plan = await response.json();
        if (plan.status !== 'queued' && plan.status !== 'running') {
          window.location.reload();
          return;
        }
        bar.value = plan.progress;
        bar.textContent = `${Math.round(plan.progress * 100)}%`;
        // Announce every tenth of the way, not every poll: a screen reader should not chatter.
        const tenth = Math.floor(plan.progress * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          said.textContent = `Planning: ${Math.round(plan.progress * 100)}% done.`;
        }
      }
    } catch {
      // a dropped request: try again at the next tick
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
})();
