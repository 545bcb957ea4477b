// The viewer: a base grid drawn here (no tiles from the network), the catalog's layers from
// /layers, one layer at a time as XYZ tiles from /tiles, and the cell values under a click from
// /values. The page's state is mirrored into #state for tests that read the DOM.
(function () {
  'use strict';
  const state = { layers: [], selected: null, tilesLoaded: 0, tilesEmpty: 0, tileErrors: 0 };
  const stateView = document.getElementById('state');
  const show = () => { stateView.textContent = JSON.stringify(state); };

  const map = L.map('map', { worldCopyJump: true, maxZoom: 24 }).setView([20, 0], 2);
  const Grid = L.GridLayer.extend({
    createTile(coords) {
      const div = document.createElement('div');
      div.className = 'grid-tile';
      div.textContent = coords.z + '/' + coords.x + '/' + coords.y;
      return div;
    }
  });
  new Grid({ maxZoom: 24 }).addTo(map);

  const list = document.getElementById('layers');
  const ramp = document.getElementById('ramp');
  const stretch = document.getElementById('stretch');
  const timeBox = document.getElementById('time');
  const instant = document.getElementById('instant');
  const instantLabel = document.getElementById('instant-label');
  let tiles = null;

  function tileUrl(layer) {
    const params = new URLSearchParams({ ramp: ramp.value, stretch: stretch.value });
    if (layer.instants.length > 0) {
      params.set('time', layer.instants[Number(instant.value)]);
    }
    return '/tiles/' + encodeURIComponent(layer.name) + '/{z}/{x}/{y}.png?' + params;
  }

  function select(layer, zoomTo) {
    state.selected = layer.name;
    location.hash = 'layer=' + encodeURIComponent(layer.name);
    for (const b of list.querySelectorAll('button')) {
      b.classList.toggle('selected', b.dataset.name === layer.name);
    }
    timeBox.hidden = layer.instants.length === 0;
    if (layer.instants.length > 0) {
      instant.max = String(layer.instants.length - 1);
      instant.value = String(layer.instants.length - 1);
      instantLabel.textContent = layer.instants[layer.instants.length - 1];
    }
    if (tiles) {
      map.removeLayer(tiles);
    }
    const [w, s, e, n] = layer.bounds;
    const bounds = L.latLngBounds([s, w], [n, e]);
    tiles = L.tileLayer(tileUrl(layer), { bounds: bounds.pad(0.05), maxZoom: 24 });
    tiles.on('tileload', () => { state.tilesLoaded++; show(); });
    // A tile without data is a 204, which an <img> reports as an error: ask again to tell them apart.
    tiles.on('tileerror', (e) => {
      fetch(e.tile.src).then(r => r.status === 204 ? state.tilesEmpty++ : state.tileErrors++)
        .catch(() => state.tileErrors++).finally(show);
    });
    tiles.addTo(map);
    if (zoomTo) {
      map.fitBounds(bounds);
    }
    show();
  }

  function current() {
    return state.layers.find(l => l.name === state.selected);
  }

  for (const picker of [ramp, stretch]) {
    picker.addEventListener('change', () => { if (tiles && current()) tiles.setUrl(tileUrl(current())); });
  }
  instant.addEventListener('input', () => {
    const layer = current();
    instantLabel.textContent = layer.instants[Number(instant.value)];
    tiles.setUrl(tileUrl(layer));
  });

  map.on('click', async (e) => {
    const layer = current();
    if (!layer) return;
    const params = new URLSearchParams({ lon: e.latlng.wrap().lng, lat: e.latlng.lat });
    if (layer.instants.length > 0) params.set('time', layer.instants[Number(instant.value)]);
    const reply = await fetch('/values/' + encodeURIComponent(layer.name) + '?' + params);
    const body = await reply.json();
    const text = body.values == null ? 'no data here'
      : body.values.map((v, i) => 'band ' + i + ': ' + (v == null ? 'NoData' : v)).join('<br>');
    L.popup().setLatLng(e.latlng).setContent('<b>' + layer.name + '</b> zoom ' + body.zoom + '<br>' + text).openOn(map);
  });

  fetch('/layers').then(r => r.json()).then(layers => {
    state.layers = layers;
    list.textContent = '';
    if (layers.length === 0) {
      list.innerHTML = '<li class="note">the catalog has no layers</li>';
    }
    for (const layer of layers) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.dataset.name = layer.name;
      b.textContent = layer.name;
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = 'zooms ' + layer.zooms[0] + '–' + layer.zooms[layer.zooms.length - 1] + ', ' + layer.bands
        + ' band(s), ' + layer.cellType + ', ' + layer.crs + (layer.instants.length ? ', ' + layer.instants.length + ' instants' : '');
      b.appendChild(meta);
      b.addEventListener('click', () => select(layer, true));
      li.appendChild(b);
      list.appendChild(li);
    }
    const wanted = decodeURIComponent((location.hash.match(/layer=([^&]*)/) || [])[1] || '');
    const first = layers.find(l => l.name === wanted) || layers[0];
    if (first) select(first, true);
    show();
  }).catch(err => { list.innerHTML = '<li class="note">cannot load layers: ' + err + '</li>'; });
})();
