// Picking a point on the profile editor's area map: a click becomes latitude and longitude in the form's inputs.
(() => {
  "use strict";
  const map = document.querySelector("svg.area-map");
  if (!map) return;
  const lat = document.getElementById("Form_HomeLatitude");
  const lon = document.getElementById("Form_HomeLongitude");
  const home = map.querySelector(".area-map-home");
  const [north, south, west, east] = ["north", "south", "west", "east"].map((k) => Number(map.dataset[k]));
  const box = map.viewBox.baseVal;

  map.addEventListener("click", (event) => {
    const point = map.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const p = point.matrixTransform(map.getScreenCTM().inverse());
    const latitude = north - (p.y / box.height) * (north - south);
    const longitude = west + (p.x / box.width) * (east - west);
    lat.value = latitude.toFixed(5);
    lon.value = longitude.toFixed(5);
    home.setAttribute("cx", p.x.toFixed(1));
    home.setAttribute("cy", p.y.toFixed(1));
    lat.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
