// "Where does it hurt?": the body map as a set of checkboxes, intensity sliders, and live results.
// The server renders the results (one Razor partial); this script keeps the selection in the URL, asks for the
// partial again as the selection changes, and draws the chosen candidate's pattern on the map.
(() => {
  "use strict";

  const form = document.getElementById("referral-form");
  if (!form) return;

  const DEFAULT_INTENSITY = 5;
  const regionsInput = document.getElementById("regions-input");
  const selectedList = document.getElementById("selected-regions");
  const selectedEmpty = document.getElementById("selected-empty");
  const results = document.getElementById("referral-results");
  const wordsInput = document.getElementById("symptom-words");
  const views = form.querySelector(".body-views");
  const paths = Array.from(form.querySelectorAll("path.region[data-region]"));
  const pathById = new Map(paths.map((p) => [p.dataset.region, p]));
  const labelOf = (id) => pathById.get(id)?.getAttribute("aria-label") ?? id;

  // id -> intensity, in the order the client marked them.
  const selection = new Map();
  for (const part of (regionsInput.value || "").split(",")) {
    const [id, value] = part.split(":");
    if (id && pathById.has(id)) selection.set(id, clampIntensity(Number(value)));
  }

  function clampIntensity(value) {
    return Number.isFinite(value) ? Math.max(0, Math.min(10, Math.round(value))) : DEFAULT_INTENSITY;
  }

  // ---- selection -------------------------------------------------------------------------------------------
  function toggle(id) {
    if (selection.has(id)) selection.delete(id);
    else selection.set(id, DEFAULT_INTENSITY);
    changed();
  }

  function changed() {
    regionsInput.value = Array.from(selection, ([id, value]) => `${id}:${value}`).join(",");
    for (const path of paths) {
      const on = selection.has(path.dataset.region);
      path.classList.toggle("is-selected", on);
      path.setAttribute("aria-checked", on ? "true" : "false");
    }
    for (const box of form.querySelectorAll('input[name="r"]')) box.checked = selection.has(box.value);
    renderSelectedList();
    if (!form.dataset.keepUrl) history.replaceState(null, "", `${location.pathname}${queryString() ? "?" + queryString() : ""}`);
    scheduleRefresh();
  }

  function renderSelectedList() {
    selectedList.replaceChildren();
    selectedEmpty.hidden = selection.size > 0;
    for (const [id, value] of selection) {
      const item = document.createElement("li");
      item.dataset.region = id;
      const sliderId = `intensity-${id}`;
      const label = document.createElement("label");
      label.htmlFor = sliderId;
      label.textContent = labelOf(id);
      const slider = document.createElement("input");
      slider.type = "range";
      slider.min = "0";
      slider.max = "10";
      slider.step = "1";
      slider.value = String(value);
      slider.id = sliderId;
      slider.setAttribute("aria-valuetext", `${value} out of 10`);
      const output = document.createElement("output");
      output.htmlFor = sliderId;
      output.textContent = `${value}/10`;
      slider.addEventListener("input", () => {
        const v = clampIntensity(Number(slider.value));
        selection.set(id, v);
        output.textContent = `${v}/10`;
        slider.setAttribute("aria-valuetext", `${v} out of 10`);
        regionsInput.value = Array.from(selection, ([k, x]) => `${k}:${x}`).join(",");
        if (!form.dataset.keepUrl) history.replaceState(null, "", `${location.pathname}?${queryString()}`);
        scheduleRefresh();
      });
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-ghost remove-region";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove ${labelOf(id)}`);
      remove.addEventListener("click", () => toggle(id));
      item.append(label, slider, output, remove);
      selectedList.append(item);
    }
  }

  function queryString() {
    const params = new URLSearchParams();
    if (selection.size) params.set("regions", regionsInput.value);
    const symptoms = Array.from(form.querySelectorAll('input[name="symptoms"]:checked'), (b) => b.value);
    // Words typed in the client's own words travel with the ticked boxes; the server reads both as free text.
    const typed = (wordsInput?.value ?? "").trim();
    if (typed) symptoms.push(typed);
    if (symptoms.length) params.set("symptoms", symptoms.join(","));
    for (const name of ["activity", "duration"]) {
      const value = form.elements.namedItem(name)?.value;
      if (value) params.set(name, value);
    }
    return params.toString();
  }

  // ---- results ---------------------------------------------------------------------------------------------
  let timer = 0;
  let pending = null;
  function scheduleRefresh() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  }

  async function refresh() {
    if (!results || !form.dataset.resultsUrl) return;
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    results.setAttribute("aria-busy", "true");
    try {
      const query = queryString();
      const response = await fetch(`${form.dataset.resultsUrl}${query ? "&" + query : ""}`, {
        headers: { Accept: "text/html" },
        signal: controller.signal,
      });
      if (response.status === 429) {
        results.innerHTML = '<div class="alert alert-warning" role="alert"><p>Too many changes in a minute. Please wait a moment and try again.</p></div>';
        return;
      }
      results.innerHTML = await response.text();
      enhanceResults();
    } catch (error) {
      if (error.name !== "AbortError") {
        results.innerHTML = '<div class="alert alert-warning" role="alert"><p>We could not update the results. Check your connection and try again.</p></div>';
      }
    } finally {
      if (pending === controller) {
        pending = null;
        results.setAttribute("aria-busy", "false");
      }
    }
  }

  function enhanceResults() {
    if (!results) return;
    const candidates = Array.from(results.querySelectorAll(".candidate"));
    for (const candidate of candidates) {
      const button = candidate.querySelector(".show-on-map");
      if (!button) continue;
      button.hidden = false;
      button.addEventListener("click", () => {
        for (const other of candidates) other.querySelector(".show-on-map")?.setAttribute("aria-pressed", "false");
        button.setAttribute("aria-pressed", "true");
        drawPattern(candidate);
      });
    }
    const shown = candidates.find((c) => c.querySelector('.show-on-map[aria-pressed="true"]')) ?? candidates[0];
    drawPattern(shown ?? null);
  }

  // ---- the candidate's pattern on the map -------------------------------------------------------------------
  function drawPattern(candidate) {
    const split = (name) => (candidate?.dataset[name] ?? "").split(" ").filter(Boolean);
    const essential = new Set(split("essential"));
    const spillover = new Set(split("spillover"));
    const trigger = new Set(split("trigger"));
    for (const path of paths) {
      const id = path.dataset.region;
      path.classList.toggle("is-essential", essential.has(id));
      path.classList.toggle("is-spillover", spillover.has(id));
      path.classList.toggle("is-trigger", trigger.has(id));
    }
    for (const layer of form.querySelectorAll("svg .markers")) layer.replaceChildren();
    for (const id of trigger) {
      const path = pathById.get(id);
      if (!path) continue;
      const box = path.getBBox();
      const marker = document.createElementNS("http://www.w3.org/2000/svg", "g");
      marker.setAttribute("class", "tp-marker");
      marker.dataset.region = id;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      marker.innerHTML = `<circle cx="${cx}" cy="${cy}" r="4.2"></circle>` +
        `<path d="M${cx - 2.2} ${cy - 2.2} L${cx + 2.2} ${cy + 2.2} M${cx + 2.2} ${cy - 2.2} L${cx - 2.2} ${cy + 2.2}"></path>`;
      path.ownerSVGElement.querySelector(".markers").append(marker);
    }
  }

  // ---- mouse, touch and keyboard on the map -----------------------------------------------------------------
  const centre = new Map();
  function centreOf(path) {
    if (!centre.has(path)) {
      const box = path.getBBox();
      centre.set(path, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    }
    return centre.get(path);
  }

  // The nearest region in the arrow's direction, preferring ones straight ahead over ones off to the side.
  function neighbour(from, key) {
    const svg = from.ownerSVGElement;
    const a = centreOf(from);
    const [dx, dy] = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
    let best = null;
    let bestScore = Infinity;
    for (const path of svg.querySelectorAll("path.region")) {
      if (path === from) continue;
      const b = centreOf(path);
      const along = (b.x - a.x) * dx + (b.y - a.y) * dy;
      if (along <= 0.5) continue;
      const across = Math.abs((b.x - a.x) * dy - (b.y - a.y) * dx);
      const score = along + 2.5 * across;
      if (score < bestScore) { bestScore = score; best = path; }
    }
    return best;
  }

  function focusRegion(path) {
    for (const other of path.ownerSVGElement.querySelectorAll("path.region")) other.setAttribute("tabindex", "-1");
    path.setAttribute("tabindex", "0");
    path.focus();
  }

  for (const path of paths) {
    path.addEventListener("click", () => {
      focusRegion(path);
      toggle(path.dataset.region);
    });
    path.addEventListener("keydown", (event) => {
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        toggle(path.dataset.region);
      } else if (event.key.startsWith("Arrow")) {
        event.preventDefault();
        const next = neighbour(path, event.key);
        if (next) focusRegion(next);
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        const all = path.ownerSVGElement.querySelectorAll("path.region");
        focusRegion(event.key === "Home" ? all[0] : all[all.length - 1]);
      }
    });
  }

  // ---- the rest of the form ---------------------------------------------------------------------------------
  for (const box of form.querySelectorAll('input[name="r"]')) {
    box.addEventListener("change", () => {
      if (box.checked !== selection.has(box.value)) toggle(box.value);
    });
  }
  const detailCount = document.getElementById("detail-count");
  function detailChanged() {
    const count = form.querySelectorAll('input[name="symptoms"]:checked').length +
      (wordsInput?.value.trim() ? 1 : 0) +
      Array.from(form.querySelectorAll(".more-detail select")).filter((s) => s.value).length;
    if (detailCount) detailCount.textContent = count ? ` · ${count} added` : "";
    if (!form.dataset.keepUrl) history.replaceState(null, "", `${location.pathname}?${queryString()}`);
    scheduleRefresh();
  }
  for (const control of form.querySelectorAll('input[type="checkbox"][name="symptoms"], select')) {
    control.addEventListener("change", detailChanged);
  }
  // Typing refreshes the results as the client pauses (the refresh is debounced).
  wordsInput?.addEventListener("input", detailChanged);
  // On "Where does it hurt?" the form only asks for results, which now update live; elsewhere it submits.
  if (form.dataset.resultsUrl && !form.dataset.keepUrl) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      refresh();
    });
  }

  const finder = form.querySelector(".region-finder");
  const search = document.getElementById("region-search");
  finder.hidden = false;
  search.addEventListener("change", () => {
    const option = Array.from(document.querySelectorAll("#region-names option")).find((o) => o.value === search.value);
    if (!option) return;
    if (!selection.has(option.dataset.region)) toggle(option.dataset.region);
    showView(pathById.get(option.dataset.region)?.closest(".body-view")?.dataset.view ?? "front");
    search.value = "";
  });

  // On narrow screens one figure shows at a time.
  const toggleGroup = form.querySelector(".view-toggle");
  toggleGroup.hidden = false;
  function showView(name) {
    views.dataset.activeView = name;
    for (const button of toggleGroup.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", button.dataset.showView === name ? "true" : "false");
    }
  }
  for (const button of toggleGroup.querySelectorAll("button")) {
    button.addEventListener("click", () => showView(button.dataset.showView));
  }

  const showSources = document.getElementById("show-sources");
  if (showSources) showSources.hidden = true;
  form.classList.add("is-live");
  renderSelectedList();
  enhanceResults();
})();
