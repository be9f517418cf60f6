/*
 * Jalin — page behaviour (web/static/app.js)
 *
 * Plain ES2017, no build step. Load it last, with defer, after
 * vendor/htmx.min.js, vendor/leaflet.js and vendor/chart.umd.min.js.
 * The page runs under a strict CSP: this file adds no inline styles, no
 * <style> elements and no inline handlers. All styling is in app.css.
 *
 * Data-attribute contracts
 * ------------------------
 * <div class="map" data-geo-url="/…/geo.json"
 *      [data-points-url="/…/points.json"] [data-empty-text="…"]
 *      [data-scroll-zoom] aria-label="…"></div>
 *   data-geo-url: same-origin URL of a GeoJSON FeatureCollection whose
 *   features have properties {code, name, role, url?}; role is one of
 *   "self" | "neighbour" | "parent" | "child" and becomes the SVG class
 *   geo-<role>. A feature with a url navigates there on click. The view fits
 *   the "self" features (all features when there is none). data-points-url:
 *   optional GeoJSON of Point features {name, url?}, drawn as circle markers
 *   with class geo-point. When the geo fetch fails or has no features, the
 *   element is replaced by <div class="empty" role="status"> holding
 *   data-empty-text. There is no tile layer: the background comes from CSS.
 *   Wheel zoom is off unless data-scroll-zoom is present.
 *   Extension (potential maps): a feature may carry a "class" property
 *   (lower-case letters, digits, "-" and upper-case LISA labels, e.g.
 *   "lq-3", "lisa-HH"); it is added to the shape's classes after
 *   geo-<role>, so app.css can colour a choropleth without inline styles.
 *
 * <canvas data-chart="cfg-id" aria-label="…" role="img"></canvas>
 * <script type="application/json" id="cfg-id">{ "type": "bar", … }</script>
 *   The whole Chart.js config is read from the JSON element; animation is
 *   forced off and maintainAspectRatio defaults to false (wrap the canvas in
 *   <div class="chart"> for its height).
 *   Extension (potential pages): a data point object with a string "label"
 *   ({x, y, label}) gets that label drawn next to it (scatter charts).
 *
 * <select data-autosubmit> submits its form on change (requestSubmit, so
 *   htmx forms and data-confirm still apply). Give the fallback submit button
 *   class "js-hidden": it is hidden once this script runs.
 *
 * <form data-confirm="Delete this?"> asks confirm() before submitting; a
 *   submit button can carry its own data-confirm, which wins.
 *
 * Maps and charts are set up on DOMContentLoaded and again after every htmx
 * swap (each element once); they are disposed of when htmx removes them.
 */
(function () {
  'use strict';

  var ROLE_ORDER = { parent: 0, neighbour: 1, child: 2, self: 3 };
  var mapsByEl = new WeakMap();
  var chartDone = new WeakSet();

  document.documentElement.classList.add('js');

  function lang() {
    return (document.documentElement.getAttribute('lang') || '').toLowerCase();
  }

  function defaultEmptyText() {
    return lang().indexOf('id') === 0 ? 'Peta tidak tersedia.' : 'Map not available.';
  }

  // sameOrigin returns the absolute URL when u points at this origin, else "".
  function sameOrigin(u) {
    if (!u) return '';
    try {
      var abs = new URL(u, window.location.href);
      if (abs.origin !== window.location.origin) return '';
      return abs.href;
    } catch (e) {
      return '';
    }
  }

  function fetchJSON(url) {
    var abs = sameOrigin(url);
    if (!abs) return Promise.reject(new Error('not a same-origin URL: ' + url));
    return fetch(abs, {
      credentials: 'same-origin',
      headers: { Accept: 'application/geo+json, application/json' }
    }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status + ' for ' + url);
      return res.json();
    });
  }

  function featuresOf(data) {
    if (!data || typeof data !== 'object') return [];
    if (data.type === 'FeatureCollection' && Array.isArray(data.features)) {
      return data.features.filter(function (f) { return f && f.geometry; });
    }
    if (data.type === 'Feature' && data.geometry) return [data];
    return [];
  }

  var CLASS_RE = /^[A-Za-z0-9-]{1,32}$/;

  // classOf returns the shape's classes: geo-<role> and the feature's own
  // class property when it is a plain class name.
  function classOf(feature) {
    var c = 'geo-' + roleOf(feature);
    var extra = feature.properties && feature.properties['class'];
    if (typeof extra === 'string' && CLASS_RE.test(extra)) c += ' ' + extra;
    return c;
  }

  // pointLabels draws the label of each data point that has one.
  var pointLabels = {
    id: 'jalinPointLabels',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#1b2330';
      ctx.textBaseline = 'bottom';
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden || !Array.isArray(ds.data)) return;
        meta.data.forEach(function (el, j) {
          var d = ds.data[j];
          if (d && typeof d.label === 'string') ctx.fillText(d.label, el.x + 6, el.y - 2);
        });
      });
      ctx.restore();
    }
  };

  function roleOf(feature) {
    var r = feature.properties && feature.properties.role;
    return Object.prototype.hasOwnProperty.call(ROLE_ORDER, r) ? r : 'neighbour';
  }

  // A tooltip from a text node: Leaflet puts string content in innerHTML,
  // and names come from data, so never hand it a string.
  function textTooltip(layer, text) {
    if (!text) return;
    var span = document.createElement('span');
    span.textContent = String(text);
    layer.bindTooltip(span, { sticky: true, direction: 'top' });
  }

  function linkOnClick(layer, url) {
    var abs = sameOrigin(url);
    if (!abs) return;
    layer.on('click', function () { window.location.assign(abs); });
  }

  function showEmpty(el) {
    if (!el.isConnected) return;
    var box = document.createElement('div');
    box.className = 'empty';
    box.setAttribute('role', 'status');
    box.textContent = el.getAttribute('data-empty-text') || defaultEmptyText();
    el.replaceWith(box);
  }

  function initMap(el) {
    if (mapsByEl.has(el) || el.hasAttribute('data-map-state')) return;
    el.setAttribute('data-map-state', 'loading');
    if (typeof window.L === 'undefined') {
      showEmpty(el);
      return;
    }
    var L = window.L;
    var geo = fetchJSON(el.getAttribute('data-geo-url'));
    var pointsURL = el.getAttribute('data-points-url');
    var points = pointsURL
      ? fetchJSON(pointsURL).catch(function () { return null; })
      : Promise.resolve(null);

    Promise.all([geo, points]).then(function (res) {
      if (!el.isConnected) return;
      var features = featuresOf(res[0]);
      if (features.length === 0) {
        showEmpty(el);
        return;
      }
      features.sort(function (a, b) { return ROLE_ORDER[roleOf(a)] - ROLE_ORDER[roleOf(b)]; });

      var map = L.map(el, {
        zoomSnap: 0.25,
        scrollWheelZoom: el.hasAttribute('data-scroll-zoom'),
        attributionControl: true
      });
      mapsByEl.set(el, map);

      var selfBounds = L.latLngBounds([]);
      var allBounds = L.latLngBounds([]);
      var shapes = L.geoJSON(features, {
        style: function (f) { return { className: classOf(f) }; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { className: classOf(f), radius: 7 });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties || {};
          textTooltip(layer, p.name);
          linkOnClick(layer, p.url);
          var b = layer.getBounds ? layer.getBounds() : L.latLngBounds([layer.getLatLng()]);
          if (!b.isValid()) return;
          allBounds.extend(b);
          if (roleOf(f) === 'self') selfBounds.extend(b);
        }
      });

      // data-fit="all" shows every feature (a cluster around the region),
      // otherwise the map centres on the region itself.
      var fit = el.getAttribute('data-fit') !== 'all' && selfBounds.isValid() ? selfBounds : allBounds;
      if (fit.isValid()) {
        map.fitBounds(fit, { padding: [16, 16] });
      } else {
        map.setView([-2.5, 118], 4); // Indonesia
      }
      shapes.addTo(map);

      var pts = featuresOf(res[1]).filter(function (f) {
        return f.geometry.type === 'Point';
      });
      if (pts.length > 0) {
        L.geoJSON(pts, {
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, { className: 'geo-point', radius: 6 });
          },
          onEachFeature: function (f, layer) {
            var p = f.properties || {};
            textTooltip(layer, p.name);
            linkOnClick(layer, p.url);
          }
        }).addTo(map);
      }

      // A map in a hidden tab has no size; refit when it becomes visible.
      if (typeof ResizeObserver !== 'undefined') {
        var wasEmpty = el.clientWidth === 0 || el.clientHeight === 0;
        var ro = new ResizeObserver(function () {
          if (!mapsByEl.has(el)) { ro.disconnect(); return; }
          map.invalidateSize(false);
          if (wasEmpty && el.clientWidth > 0 && el.clientHeight > 0 && fit.isValid()) {
            wasEmpty = false;
            map.fitBounds(fit, { padding: [16, 16] });
          }
        });
        ro.observe(el);
        el._jalinResize = ro;
      }
      el.setAttribute('data-map-state', 'ready');
    }).catch(function () {
      // Any failure (network, HTTP status, bad JSON, bad geometry) shows the
      // empty state; it must not reach the console as an error.
      var map = mapsByEl.get(el);
      if (map) {
        mapsByEl.delete(el);
        try { map.remove(); } catch (e) { /* already gone */ }
      }
      showEmpty(el);
    });
  }

  function disposeMap(el) {
    var map = mapsByEl.get(el);
    if (!map) return;
    mapsByEl.delete(el);
    if (el._jalinResize) { el._jalinResize.disconnect(); el._jalinResize = null; }
    try { map.remove(); } catch (e) { /* already gone */ }
  }

  function initChart(canvas) {
    if (chartDone.has(canvas)) return;
    chartDone.add(canvas);
    if (typeof window.Chart === 'undefined') return;
    if (window.Chart.getChart(canvas)) return;
    var src = document.getElementById(canvas.getAttribute('data-chart'));
    if (!src) {
      console.warn('jalin: no chart config element #' + canvas.getAttribute('data-chart'));
      return;
    }
    var config;
    try {
      config = JSON.parse(src.textContent);
    } catch (e) {
      console.warn('jalin: chart config #' + src.id + ' is not valid JSON');
      return;
    }
    if (!config || typeof config !== 'object') return;
    config.options = config.options || {};
    config.options.animation = false;
    if (config.options.maintainAspectRatio === undefined) config.options.maintainAspectRatio = false;
    try {
      config.plugins = (config.plugins || []).concat([pointLabels]);
      new window.Chart(canvas, config);
    } catch (e) {
      console.warn('jalin: chart #' + src.id + ' failed: ' + e.message);
    }
  }

  function disposeChart(canvas) {
    if (typeof window.Chart === 'undefined') return;
    var chart = window.Chart.getChart(canvas);
    if (chart) chart.destroy();
  }

  function init() {
    var maps = document.querySelectorAll('div.map[data-geo-url]');
    for (var i = 0; i < maps.length; i++) initMap(maps[i]);
    var charts = document.querySelectorAll('canvas[data-chart]');
    for (var j = 0; j < charts.length; j++) initChart(charts[j]);
  }

  // <select data-autosubmit>: submit the form on change.
  document.addEventListener('change', function (ev) {
    var t = ev.target;
    if (!(t instanceof HTMLSelectElement) || !t.hasAttribute('data-autosubmit') || !t.form) return;
    if (typeof t.form.requestSubmit === 'function') {
      t.form.requestSubmit();
    } else {
      t.form.submit();
    }
  });

  // <form data-confirm="…">: ask before submitting. Capture phase, so that it
  // runs before htmx's own submit listener on the form.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement)) return;
    var sub = ev.submitter;
    var text = (sub && sub.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (!text) return;
    if (!window.confirm(text)) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }, true);

  // htmx: set up new content after each swap; dispose of removed content.
  document.addEventListener('htmx:afterSwap', init);
  document.addEventListener('htmx:beforeCleanupElement', function (ev) {
    var el = ev.target;
    if (!(el instanceof Element)) return;
    if (el.matches('div.map')) disposeMap(el);
    if (el.matches('canvas[data-chart]')) disposeChart(el);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
