// The finder's enhancements; the form works without them.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("finder-form");
  if (!form) return;
  const near = document.getElementById("f-near");
  const place = document.getElementById("f-place");
  const radius = document.getElementById("f-radius");
  const tz = document.getElementById("f-tz");
  const status = document.getElementById("location-status");
  const button = document.getElementById("use-my-location");

  // Show times in this browser's zone too (sent with the search, never stored).
  form.addEventListener("submit", () => {
    if (tz && !tz.value && window.Intl) tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  });
  // Typing a place replaces a location found earlier.
  if (place) place.addEventListener("input", () => { near.value = ""; });

  // The browser's location, asked for only when the person presses the button.
  if (button && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener("click", () => {
      status.textContent = button.dataset.asking || "…";
      navigator.geolocation.getCurrentPosition(
        (position) => {
          near.value = position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
          place.value = "";
          if (radius && !radius.value) radius.value = "25";
          form.requestSubmit();
        },
        () => { status.textContent = button.dataset.denied || "Location not available."; },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
      );
    });
  }

  // The map, only when the operator configured a tile server (the page then loads Leaflet from us).
  const mapElement = document.getElementById("finder-map");
  if (mapElement && window.L) {
    const points = [...document.querySelectorAll("#results-heading ~ .meetings [data-lat]")].map((row) => ({
      lat: parseFloat(row.dataset.lat), lon: parseFloat(row.dataset.lon), name: row.dataset.name,
    }));
    if (!points.length) { mapElement.hidden = true; return; }
    const map = window.L.map(mapElement);
    window.L.tileLayer(mapElement.dataset.tiles, { attribution: mapElement.dataset.attribution, maxZoom: 18 }).addTo(map);
    const bounds = [];
    for (const p of points) {
      window.L.circleMarker([p.lat, p.lon], { radius: 7 }).addTo(map).bindTooltip(p.name);
      bounds.push([p.lat, p.lon]);
    }
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 });
  }
});
