// Draws each progress table as a Chart.js line chart on the canvas that names it. The table stays the accessible
// version; without Chart.js (no npm at build time) the tables are all there is.
(() => {
  if (typeof Chart === 'undefined') return;
  const styles = getComputedStyle(document.documentElement);
  const colour = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;
  const palette = [colour('--coral-600', '#c2522d'), colour('--teal-600', '#1f6f6a'), '#5b4b8a'];

  for (const canvas of document.querySelectorAll('canvas[data-chart-for]')) {
    const table = document.getElementById(canvas.dataset.chartFor);
    if (!table) continue;
    const headers = [...table.querySelectorAll('thead th')].slice(1).map(th => th.textContent.trim());
    const rows = [...table.querySelectorAll('tbody tr')];
    const labels = rows.map(r => r.querySelector('th').textContent.trim());
    const datasets = headers.map((name, i) => ({
      label: name,
      data: rows.map(r => Number(r.querySelectorAll('td')[i].textContent)),
      borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length],
      tension: 0.2,
    }));
    if (table.dataset.target) {
      datasets.push({
        label: 'A change most people notice',
        data: labels.map(() => Number(table.dataset.target)),
        borderColor: '#6b6b6b', borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5,
      });
    }
    canvas.closest('.chart-box').dataset.drawn = 'true';
    new Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: Number(table.dataset.min), max: Number(table.dataset.max) } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }
})();
