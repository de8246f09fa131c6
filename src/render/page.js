// demarcate's interactive map: pan and zoom the SVG the crate drew, switch
// layers, show each feature's figures, find features. No network.
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const data = JSON.parse(document.getElementById('map-data').textContent);
  const svg = document.getElementById('map');
  const frame = data.frame;
  const KMIN = 0.5, KMAX = 100;

  // Everything drawn in the map frame moves, except the scale bar and the
  // north arrow; the legend panel stays put.
  const clip = svg.querySelector('g[clip-path]');
  const vp = document.createElementNS(NS, 'g');
  vp.id = 'viewport';
  for (const n of Array.from(clip.childNodes)) {
    if (n.nodeType === 1 && (n.id === 'scale-bar' || n.id === 'north-arrow')) continue;
    vp.appendChild(n);
  }
  clip.insertBefore(vp, clip.firstChild);
  const extent = document.getElementById('inset-extent');
  if (extent) vp.appendChild(extent);

  // What keeps its size on screen at any zoom: text, halos, markers, hatching.
  const texts = Array.from(vp.querySelectorAll('text')).map((t) => [t,
    parseFloat(t.getAttribute('font-size')) || 12, parseFloat(t.getAttribute('stroke-width')) || 0]);
  const circles = Array.from(vp.querySelectorAll('circle')).map((c) => [c, parseFloat(c.getAttribute('r')) || 0]);
  // Turning-point diamonds: squares rotated about their centre.
  const diamonds = Array.from(vp.querySelectorAll('rect[data-kind="turning_point"]')).map((r) => {
    const w = parseFloat(r.getAttribute('width')) || 0;
    return [r, parseFloat(r.getAttribute('x')) + w / 2, parseFloat(r.getAttribute('y')) + w / 2, w];
  });
  const hatches = ['hatch-zone', 'hatch-overlap'].map((id) => document.getElementById(id)).filter(Boolean)
    .map((p) => [p, p.getAttribute('patternTransform') || '']);

  // Big paths (a 100k-vertex border) are redrawn per zoom level: vertices
  // closer than a third of a screen pixel merged, and those far outside the
  // view left out (the same rule as the SVG writer's), once the view rests.
  const heavy = [];
  for (const p of vp.querySelectorAll('path')) {
    const d = p.getAttribute('d');
    if (!d || d.length < 4000) continue;
    const nums = d.match(/-?[0-9.]+|[MLZ]/g);
    const xs = [], ys = [], starts = [], closed = [];
    for (let i = 0; i < nums.length; i++) {
      const t = nums[i];
      if (t === 'M') { starts.push(xs.length); closed.push(false); }
      else if (t === 'Z') { closed[closed.length - 1] = true; }
      else if (t !== 'L') { xs.push(+t); ys.push(+nums[++i]); }
    }
    heavy.push({ p, xs: Float64Array.from(xs), ys: Float64Array.from(ys), starts, closed, key: '' });
  }
  function outcode(x, y, b) {
    return (x < b[0] ? 1 : 0) | (x > b[2] ? 2 : 0) | (y < b[1] ? 4 : 0) | (y > b[3] ? 8 : 0);
  }
  function detail() {
    if (!heavy.length) return;
    const k = view.k, tol = 0.33 / k;
    const w = frame.width / k, h = frame.height / k, x0 = -view.x / k, y0 = -view.y / k;
    const box = [x0 - w, y0 - h, x0 + 2 * w, y0 + 2 * h];
    // The whole map at the first levels; the view and its surroundings beyond.
    const whole = k <= 2;
    const key = whole ? 'k' + Math.round(Math.log2(k) * 2) : box.map((v) => Math.round(v * 10)).join();
    for (const hp of heavy) {
      if (hp.key === key) continue;
      hp.key = key;
      const { xs, ys, starts, closed } = hp;
      const out = [];
      for (let s = 0; s < starts.length; s++) {
        const a = starts[s], b = s + 1 < starts.length ? starts[s + 1] : xs.length;
        let n = 0, lx = 0, ly = 0, lc = 0;
        for (let i = a; i < b; i++) {
          const x = xs[i], y = ys[i];
          const c = whole ? 0 : outcode(x, y, box);
          const last = i === b - 1;
          if (n > 0 && !last) {
            const nc = whole ? 0 : outcode(xs[i + 1], ys[i + 1], box);
            if (lc & c & nc) continue;
            if (Math.abs(x - lx) < tol && Math.abs(y - ly) < tol) continue;
          }
          out.push((n === 0 ? 'M' : 'L') + x + ' ' + y);
          n++; lx = x; ly = y; lc = c;
        }
        if (n > 0 && closed[s]) out.push('Z');
      }
      hp.p.setAttribute('d', out.join(''));
    }
  }
  let resting = 0;

  const view = { k: 1, x: 0, y: 0 };
  let pending = false;
  function apply() {
    pending = false;
    clearTimeout(resting);
    resting = setTimeout(detail, 150);
    vp.setAttribute('transform', 'translate(' + view.x + ' ' + view.y + ') scale(' + view.k + ')');
    for (const [t, size, sw] of texts) {
      t.setAttribute('font-size', size / view.k);
      if (sw) t.setAttribute('stroke-width', sw / view.k);
    }
    for (const [c, r] of circles) c.setAttribute('r', r / view.k);
    for (const [d, cx, cy, w] of diamonds) {
      const s = w / view.k;
      d.setAttribute('x', cx - s / 2); d.setAttribute('y', cy - s / 2);
      d.setAttribute('width', s); d.setAttribute('height', s);
    }
    for (const [p, tr] of hatches) p.setAttribute('patternTransform', 'scale(' + 1 / view.k + ') ' + tr);
    scaleBar();
  }
  function schedule() {
    if (!pending) { pending = true; requestAnimationFrame(apply); }
  }

  // The live scale bar: exact at the projection's centre.
  const bar = document.getElementById('scale-bar');
  let barParts = null;
  if (bar) {
    const rects = bar.querySelectorAll('rect'), labels = bar.querySelectorAll('text');
    if (rects.length === 5 && labels.length === 3) {
      const len0 = parseFloat(bar.getAttribute('data-length-px'));
      barParts = { rects, labels, x0: parseFloat(rects[1].getAttribute('x')),
        pad: parseFloat(rects[0].getAttribute('width')) - len0 };
    }
  }
  function nice(maxM) {
    const p = Math.pow(10, Math.floor(Math.log10(maxM)));
    for (const k of [5, 2, 1]) if (k * p <= maxM) return k * p;
    return p;
  }
  function scaleBar() {
    if (!barParts) return;
    const ppm = frame.px_per_m * view.k;
    const lenM = nice(frame.scale_target_px / ppm), px = lenM * ppm;
    const { rects, labels, x0, pad } = barParts;
    rects[0].setAttribute('width', px + pad);
    for (let i = 0; i < 4; i++) {
      rects[i + 1].setAttribute('x', x0 + px * i / 4);
      rects[i + 1].setAttribute('width', px / 4);
    }
    const km = lenM >= 1000, u = (m) => String(Math.round((km ? m / 1000 : m) * 1e6) / 1e6);
    labels[1].setAttribute('x', x0 + px / 2);
    labels[1].textContent = u(lenM / 2);
    labels[2].setAttribute('x', x0 + px);
    labels[2].textContent = u(lenM) + (km ? ' km' : ' m');
    bar.setAttribute('data-length-m', lenM);
    bar.setAttribute('data-length-px', px);
  }

  // ---- pan and zoom ----
  function toUser(cx, cy) {
    const p = svg.createSVGPoint();
    p.x = cx; p.y = cy;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function inFrame(u) { return u.x >= 0 && u.x <= frame.width && u.y >= 0 && u.y <= frame.height; }
  function zoomAt(ux, uy, f) {
    const k = Math.min(KMAX, Math.max(KMIN, view.k * f));
    f = k / view.k;
    view.x = ux - (ux - view.x) * f;
    view.y = uy - (uy - view.y) * f;
    view.k = k;
    schedule();
  }
  svg.addEventListener('wheel', (e) => {
    const u = toUser(e.clientX, e.clientY);
    if (!inFrame(u)) return;
    e.preventDefault();
    const step = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 800 : 1;
    zoomAt(u.x, u.y, Math.exp(-e.deltaY * step * 0.0015));
  }, { passive: false });

  const pointers = new Map();
  let moved = 0, pinch = null;
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !inFrame(toUser(e.clientX, e.clientY))) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) moved = 0;
    pinch = null;
    svg.classList.add('dragging');
  });
  window.addEventListener('pointermove', (e) => {
    const p = pointers.get(e.pointerId);
    if (!p) return;
    const scale = svg.getScreenCTM().a;
    if (pointers.size === 1) {
      const dx = e.clientX - p.x, dy = e.clientY - p.y;
      moved += Math.abs(dx) + Math.abs(dy);
      view.x += dx / scale; view.y += dy / scale;
      schedule();
    }
    p.x = e.clientX; p.y = e.clientY;
    if (pointers.size === 2) {
      const [a, b] = Array.from(pointers.values());
      const d = Math.hypot(a.x - b.x, a.y - b.y), m = toUser((a.x + b.x) / 2, (a.y + b.y) / 2);
      if (pinch && pinch.d > 0) {
        view.x += m.x - pinch.m.x; view.y += m.y - pinch.m.y;
        zoomAt(m.x, m.y, d / pinch.d);
      }
      pinch = { d, m };
      moved += 10;
    }
  });
  function release(e) {
    pointers.delete(e.pointerId);
    pinch = null;
    if (pointers.size === 0) svg.classList.remove('dragging');
  }
  window.addEventListener('pointerup', release);
  window.addEventListener('pointercancel', release);

  function fit(b, pad) {
    const w = Math.max(b.width, 40 / KMAX), h = Math.max(b.height, 40 / KMAX);
    const k = Math.min(KMAX, Math.max(KMIN, Math.min(frame.width / (w * pad), frame.height / (h * pad))));
    view.k = k;
    view.x = frame.width / 2 - (b.x + b.width / 2) * k;
    view.y = frame.height / 2 - (b.y + b.height / 2) * k;
    schedule();
  }
  document.getElementById('reset').addEventListener('click', () => {
    view.k = 1; view.x = 0; view.y = 0; schedule();
  });

  // ---- popups ----
  const popup = document.getElementById('popup');
  const status = document.getElementById('status');
  function entryOf(el) {
    for (; el && el !== svg && el.getAttribute; el = el.parentNode) {
      const p = el.getAttribute('data-point');
      if (p !== null && data.points[+p]) return data.points[+p];
      const id = el.getAttribute('id');
      if (id && Object.prototype.hasOwnProperty.call(data.entries, id)) return data.entries[id];
      const of = el.getAttribute('data-of');
      if (of && Object.prototype.hasOwnProperty.call(data.entries, of)) return data.entries[of];
    }
    return null;
  }
  function show(entry, cx, cy) {
    document.getElementById('popup-title').textContent = entry.title;
    const table = document.getElementById('popup-rows');
    table.textContent = '';
    for (const [k, v] of entry.rows) {
      const tr = table.insertRow(), a = tr.insertCell(), b = tr.insertCell();
      a.textContent = k; b.textContent = v;
    }
    popup.hidden = false;
    const w = popup.offsetWidth, h = popup.offsetHeight;
    popup.style.left = Math.max(4, Math.min(window.innerWidth - w - 4, cx + 12)) + 'px';
    popup.style.top = Math.max(4, Math.min(window.innerHeight - h - 4, cy + 12)) + 'px';
  }
  document.getElementById('popup-close').addEventListener('click', () => { popup.hidden = true; });
  svg.addEventListener('click', (e) => {
    if (moved > 5) { moved = 0; return; }
    const entry = entryOf(e.target);
    if (entry) show(entry, e.clientX, e.clientY); else popup.hidden = true;
  });
  svg.addEventListener('mouseover', (e) => {
    const entry = entryOf(e.target);
    status.textContent = entry ? entry.title + (entry.rows.length > 1 ? ' · ' + entry.rows.slice(1, 4).map((r) => r[1]).join(' · ') : '') : '';
  });

  // ---- layer switches ----
  for (const box of document.querySelectorAll('#layers input[data-layer]')) {
    box.addEventListener('change', () => {
      for (const el of document.querySelectorAll(box.getAttribute('data-layer'))) {
        el.style.display = box.checked ? '' : 'none';
      }
    });
  }

  // ---- search ----
  const search = document.getElementById('search');
  const result = document.getElementById('search-result');
  function element(key) {
    const byId = document.getElementById(key);
    if (byId && vp.contains(byId)) return byId;
    return null;
  }
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return null;
    const keys = Object.keys(data.entries);
    const hits = [
      (k, e) => k.toLowerCase() === q,
      (k, e) => e.title.toLowerCase() === q || e.title.toLowerCase().split(' · ')[1] === q,
      (k, e) => k.toLowerCase().includes(q) || e.title.toLowerCase().includes(q),
    ];
    for (const test of hits) {
      for (const k of keys) if (test(k, data.entries[k]) && element(k)) return { el: element(k), entry: data.entries[k] };
      for (let i = 0; i < data.points.length; i++) {
        const p = data.points[i], el = vp.querySelector('[data-point="' + i + '"]');
        if (el && test(String(p.id), p)) return { el, entry: p };
      }
    }
    return null;
  }
  function go() {
    const hit = find(search.value);
    if (!hit) { result.textContent = search.value.trim() ? 'not found' : ''; return; }
    result.textContent = hit.entry.title;
    fit(hit.el.getBBox(), 3);
    apply();
    const r = hit.el.getBoundingClientRect();
    show(hit.entry, r.left + r.width / 2, r.top + r.height / 2);
  }
  search.addEventListener('change', go);
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });

  apply();
  detail();
  // A link to a feature: map.html#zone-02 opens zoomed to it.
  if (location.hash.length > 1) {
    search.value = decodeURIComponent(location.hash.slice(1));
    go();
  }
  document.body.setAttribute('data-ready', String(performance.now()));
})();
