// liqopt dashboard: polls the service's JSON API and draws one card per asset.
// Plain JS + <canvas>, no libraries. Each chart canvas gets data-points = number of
// history points drawn; <body data-render-count> counts finished refreshes (for checks).
// The live engine's panels (position book, live prices) are book.js's: /health's
// `features` says which are on, and only their routes are requested.
'use strict';

(() => {
  const REFRESH_MS = 30_000;
  const HISTORY_HOURS = 168;
  const HOUR = 3_600_000;
  const COLORS = {
    price: '#1f5fbf', lt: '#c0392b', maxLtv: '#e08e0b', vol: '#7b3fb5',
    grid: '#e8eaee', axis: '#98a2b3', text: '#1d2330', muted: '#667085', bg: '#ffffff',
  };
  const FONT = '11px system-ui, "DejaVu Sans", sans-serif';

  const byId = (id) => document.getElementById(id);
  const charts = new Map(); // symbol -> {canvas, points, hours}
  let timer = null;
  let renderCount = 0;

  // ---------- formatting ----------

  const finite = (x) => typeof x === 'number' && Number.isFinite(x);
  const pct = (x, digits = 1) => (finite(x) ? `${(x * 100).toFixed(digits)} %` : '–');

  function fmtNumber(x, digits) {
    return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function fmtPrice(p) {
    if (!finite(p)) return '–';
    const abs = Math.abs(p);
    return fmtNumber(p, abs >= 100 ? 2 : abs >= 1 ? 4 : 6);
  }

  function fmtTime(ms) {
    return finite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '–';
  }

  function fmtAge(ms, now) {
    if (!finite(ms) || !finite(now)) return '';
    const min = Math.round((now - ms) / 60_000);
    if (min < 1) return 'just now';
    if (min < 120) return `${min} min ago`;
    const h = Math.round(min / 60);
    return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} d ago`;
  }

  // ---------- DOM helpers ----------

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  function fact(label, value, cls) {
    return el('div', {}, el('dt', { text: label }), el('dd', { text: value, class: cls || '' }));
  }

  function setBadge(node, text, kind) {
    node.textContent = text;
    node.className = `badge ${kind || ''}`;
  }

  function showError(message) {
    const box = byId('error');
    box.textContent = message;
    box.hidden = false;
  }

  function hideError() {
    byId('error').hidden = true;
  }

  // ---------- API ----------

  async function getJson(url) {
    const res = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      throw new Error(`${url} answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    return res.json();
  }

  // true / false (503) / null (unknown: the request itself failed)
  async function getReady() {
    try {
      const res = await fetch('/ready', { cache: 'no-store' });
      const body = await res.json().catch(() => ({})); // always read the body
      if (res.status === 503) return false;
      return res.ok ? body.ready !== false : null;
    } catch (err) {
      console.error('readiness request failed:', err);
      return null;
    }
  }

  async function getHistory(symbol) {
    try {
      const body = await getJson(`/v1/assets/${encodeURIComponent(symbol)}/history?hours=${HISTORY_HOURS}`);
      return { points: Array.isArray(body.points) ? body.points : [] };
    } catch (err) {
      console.error(`history of ${symbol} failed:`, err);
      return { points: [], error: err.message };
    }
  }

  // Which optional live features are on; none when /health cannot be read.
  async function getFeatures() {
    try {
      const health = await getJson('/health');
      return health.features || {};
    } catch (err) {
      console.error('health request failed:', err);
      return {};
    }
  }

  // ---------- rendering ----------

  function renderHeader(overview) {
    byId('model-id').textContent = overview.modelId || '–';
    const mode = overview.mode || '–';
    setBadge(byId('mode'), mode, mode === 'bundle' ? 'ok' : 'warn');
    byId('clock').textContent = overview.clock || '–';
  }

  function renderReady(ready) {
    if (ready === true) setBadge(byId('ready'), 'ready', 'ok');
    else if (ready === false) setBadge(byId('ready'), 'not ready', 'bad');
    else setBadge(byId('ready'), 'unknown', '');
  }

  function renderCard(asset, history, now) {
    const th = asset.thresholds || {};
    const stale = asset.stale === true;
    const canvas = el('canvas', { class: 'chart', 'data-points': '' });
    canvas.setAttribute('aria-label', `${asset.symbol}: price, thresholds and volatility over ${HISTORY_HOURS} h`);
    const card = el('article', { class: `card${stale ? ' stale' : ''}`, 'data-symbol': asset.symbol },
      el('div', { class: 'card-head' },
        el('h2', { text: asset.symbol }),
        stale ? el('span', { class: 'badge bad', text: 'STALE', title: 'market data is stale' })
          : el('span', { class: 'badge ok', text: 'fresh' }),
        el('span', { class: 'price', text: fmtPrice(asset.price) })),
      el('dl', { class: 'facts' },
        fact('data time', `${fmtTime(asset.dataTimeMs)} (${fmtAge(asset.dataTimeMs, now)})`, 'data-time'),
        fact('liq. threshold (LT)', pct(th.lt)),
        fact('max LTV', pct(th.maxLtv)),
        fact('model', th.modelVersion || '–'),
        fact('liquidation bonus', pct(th.bonus, 2)),
        fact('volatility 24 h', pct(th.volatility24h, 2))),
      canvas,
      history.error ? el('p', { class: 'card-error', text: `History unavailable: ${history.error}` }) : null);
    return { card, canvas };
  }

  function renderCards(overview, histories) {
    const container = byId('cards');
    const assets = Array.isArray(overview.assets) ? overview.assets : [];
    charts.clear();
    container.replaceChildren();
    if (assets.length === 0) {
      container.append(el('p', { class: 'empty', text: 'The service publishes no assets.' }));
      return;
    }
    assets.forEach((asset, i) => {
      const { card, canvas } = renderCard(asset, histories[i], overview.now);
      container.append(card);
      const chart = { canvas, symbol: asset.symbol, points: histories[i].points };
      charts.set(asset.symbol, chart);
      drawChart(chart);
    });
  }

  // ---------- chart ----------

  // Round axis ticks covering [lo, hi]; the domain is widened to whole steps.
  function niceScale(lo, hi, count) {
    if (!(hi > lo)) {
      const pad = Math.abs(lo) * 0.01 || 0.01;
      lo -= pad;
      hi += pad;
    }
    const raw = (hi - lo) / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const norm = raw / mag;
    const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    const start = Math.floor(lo / step) * step;
    const end = Math.ceil(hi / step) * step;
    const ticks = [];
    for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
    const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return { lo: start, hi: end, ticks, digits };
  }

  function extent(values) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (finite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return lo <= hi ? [lo, hi] : null;
  }

  function timeTicks(t0, t1, maxTicks) {
    const steps = [1, 2, 3, 6, 12, 24, 48, 72, 168].map((h) => h * HOUR);
    const step = steps.find((s) => (t1 - t0) / s <= maxTicks) || steps[steps.length - 1];
    const ticks = [];
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
    return ticks;
  }

  function timeLabel(t) {
    const iso = new Date(t).toISOString();
    return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  }

  // Draws one series; null/non-finite values break the line (gaps). Returns points drawn.
  function drawSeries(ctx, points, value, x, y, color, dash) {
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.6;
    ctx.setLineDash(dash || []);
    let run = [];
    let drawn = 0;
    const flush = () => {
      if (run.length === 1) {
        ctx.beginPath();
        ctx.arc(run[0][0], run[0][1], 2, 0, 2 * Math.PI);
        ctx.fill();
      } else if (run.length > 1) {
        ctx.beginPath();
        run.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(px, py) : ctx.lineTo(px, py)));
        ctx.stroke();
      }
      drawn += run.length;
      run = [];
    };
    for (const p of points) {
      const v = value(p);
      if (finite(v) && finite(p.t)) run.push([x(p.t), y(v)]);
      else flush();
    }
    flush();
    ctx.restore();
    return drawn;
  }

  function drawLegend(ctx, items, right, top) {
    ctx.save();
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    let xPos = right;
    for (const item of [...items].reverse()) {
      const w = ctx.measureText(item.label).width;
      xPos -= w;
      ctx.fillStyle = COLORS.text;
      ctx.fillText(item.label, xPos, top);
      xPos -= 22;
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(item.dash || []);
      ctx.beginPath();
      ctx.moveTo(xPos, top);
      ctx.lineTo(xPos + 16, top);
      ctx.stroke();
      xPos -= 14;
    }
    ctx.restore();
  }

  function drawYAxis(ctx, scale, y, xPos, align, format) {
    ctx.save();
    ctx.font = FONT;
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = align;
    ctx.textBaseline = 'middle';
    for (const v of scale.ticks) ctx.fillText(format(v), xPos, y(v));
    ctx.restore();
  }

  // A canvas sized to its box at the device's pixel ratio and cleared: {ctx, width, height}, or
  // null while it has no size (hidden).
  function paintArea(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return null;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = COLORS.bg;
    ctx.fillRect(0, 0, width, height);
    return { ctx, width, height };
  }

  function drawChart(chart) {
    const { canvas, symbol } = chart;
    const points = chart.points.filter((p) => p && finite(p.t));
    const area = paintArea(canvas);
    if (area === null) return;
    const { ctx, width, height } = area;

    // Layout: title, price panel, legend row, threshold/volatility panel, time labels.
    const left = 70;
    const right = width - 58;
    const p1 = { top: 40, bottom: Math.round(height * 0.44) };
    const p2 = { top: p1.bottom + 42, bottom: height - 26 };

    ctx.font = 'bold 12px system-ui, "DejaVu Sans", sans-serif';
    ctx.fillStyle = COLORS.text;
    ctx.textBaseline = 'top';
    ctx.fillText(`${symbol} · last ${HISTORY_HOURS} h (UTC)`, left, 6);

    const priceExt = extent(points.map((p) => p.price));
    if (points.length === 0 || !priceExt) {
      ctx.font = FONT;
      ctx.fillStyle = COLORS.muted;
      ctx.textAlign = 'center';
      ctx.fillText('no history yet', (left + right) / 2, height / 2);
      canvas.dataset.points = '0';
      return;
    }

    const t0 = points[0].t;
    const t1 = Math.max(points[points.length - 1].t, t0 + HOUR);
    const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
    const priceScale = niceScale(priceExt[0], priceExt[1], 4);
    const thrExt = extent(points.flatMap((p) => [p.lt, p.maxLtv])) || [0.5, 0.9];
    const thrScale = niceScale(thrExt[0] * 100, thrExt[1] * 100, 4);
    const volExt = extent(points.map((p) => p.volatility24h)) || [0, 0.05];
    const volScale = niceScale(0, volExt[1] * 100 * 1.1, 4);
    const yIn = (panel, scale) => (v) =>
      panel.bottom - ((v - scale.lo) / (scale.hi - scale.lo)) * (panel.bottom - panel.top);
    const yPrice = yIn(p1, priceScale);
    const yThr = yIn(p2, thrScale);
    const yVol = yIn(p2, volScale);

    // Grid: shared vertical lines, horizontal lines on each panel's left scale.
    const tTicks = timeTicks(t0, t1, Math.max(2, Math.floor((right - left) / 70)));
    ctx.strokeStyle = COLORS.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const t of tTicks) {
      const px = Math.round(x(t)) + 0.5;
      ctx.moveTo(px, p1.top);
      ctx.lineTo(px, p1.bottom);
      ctx.moveTo(px, p2.top);
      ctx.lineTo(px, p2.bottom);
    }
    for (const v of priceScale.ticks) {
      const py = Math.round(yPrice(v)) + 0.5;
      ctx.moveTo(left, py);
      ctx.lineTo(right, py);
    }
    for (const v of thrScale.ticks) {
      const py = Math.round(yThr(v)) + 0.5;
      ctx.moveTo(left, py);
      ctx.lineTo(right, py);
    }
    ctx.stroke();
    ctx.strokeStyle = COLORS.axis;
    ctx.strokeRect(left + 0.5, p1.top + 0.5, right - left, p1.bottom - p1.top);
    ctx.strokeRect(left + 0.5, p2.top + 0.5, right - left, p2.bottom - p2.top);

    // Axes labels.
    drawYAxis(ctx, priceScale, yPrice, left - 6, 'right', (v) => fmtNumber(v, priceScale.digits));
    drawYAxis(ctx, thrScale, yThr, left - 6, 'right', (v) => `${v.toFixed(thrScale.digits)}%`);
    drawYAxis(ctx, volScale, yVol, right + 6, 'left', (v) => `${v.toFixed(volScale.digits)}%`);
    ctx.save();
    ctx.font = FONT;
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of tTicks) ctx.fillText(timeLabel(t), x(t), p2.bottom + 6);
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left';
    ctx.fillText('price', 4, p1.top - 4);
    ctx.fillText('LT / max LTV', 4, p2.top - 4);
    ctx.textAlign = 'right';
    ctx.fillStyle = COLORS.vol;
    ctx.fillText('vol 24 h', width - 4, p2.top - 4);
    ctx.restore();

    // Series.
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, 0, right - left, height);
    ctx.clip();
    const drawn = drawSeries(ctx, points, (p) => p.price, x, yPrice, COLORS.price);
    drawSeries(ctx, points, (p) => (finite(p.lt) ? p.lt * 100 : null), x, yThr, COLORS.lt);
    drawSeries(ctx, points, (p) => (finite(p.maxLtv) ? p.maxLtv * 100 : null), x, yThr, COLORS.maxLtv);
    drawSeries(ctx, points, (p) => (finite(p.volatility24h) ? p.volatility24h * 100 : null),
      x, yVol, COLORS.vol, [5, 3]);
    ctx.restore();

    drawLegend(ctx, [{ label: 'price', color: COLORS.price }], right, 24);
    drawLegend(ctx, [
      { label: 'target LT % (left)', color: COLORS.lt },
      { label: 'target max LTV % (left)', color: COLORS.maxLtv },
      { label: 'forecast vol 24 h % (right)', color: COLORS.vol, dash: [5, 3] },
    ], right, p1.bottom + 14);

    canvas.dataset.points = String(drawn);
  }

  // ---------- refresh loop ----------

  async function refresh() {
    clearTimeout(timer);
    const ready = getReady(); // never rejects
    const panels = getFeatures().then((features) => live.update(features)); // never rejects
    try {
      const overview = await getJson('/v1/assets');
      renderHeader(overview);
      const assets = Array.isArray(overview.assets) ? overview.assets : [];
      const histories = await Promise.all(assets.map((a) => getHistory(a.symbol)));
      renderCards(overview, histories);
      const failed = histories.filter((h) => h.error).length;
      if (failed > 0) showError(`History of ${failed} asset(s) could not be loaded; see the cards below.`);
      else hideError();
    } catch (err) {
      console.error('dashboard refresh failed:', err);
      const shown = renderCount > 0 && charts.size > 0 ? ' Showing the last data received.' : '';
      showError(`The service API is unavailable: ${err.message}.${shown} Retrying in 30 s.`);
      if (renderCount === 0) byId('cards').replaceChildren();
    } finally {
      await panels;
      renderReady(await ready);
      byId('updated').textContent = new Date().toISOString().slice(11, 19) + ' UTC';
      renderCount += 1;
      document.body.dataset.renderCount = String(renderCount);
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      charts.forEach(drawChart);
      live.redraw();
    }, 150);
  });

  const live = window.LiqoptLive.create({
    el, fact, finite, pct, fmtNumber, fmtPrice, fmtTime, niceScale, getJson, paintArea, COLORS,
    FONT,
  });

  refresh();
})();
