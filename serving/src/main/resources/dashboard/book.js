// liqopt dashboard, live engine panels: the position book (GET /v1/book, GET /v1/liquidations)
// and the live prices with their guard (GET /v1/market/prices). app.js creates the panels with
// its helpers and calls update(features) on each refresh; a panel whose feature is off stays
// hidden and its routes are never requested. The histogram canvas gets data-bars = number of
// non-empty buckets drawn; the prices table's rows carry data-symbol (for checks).
'use strict';

window.LiqoptLive = {
  create(ui) {
    const {
      el, fact, finite, pct, fmtNumber, fmtPrice, fmtTime, niceScale, getJson, paintArea, COLORS,
      FONT,
    } = ui;
    const QUEUE_LIMIT = 20;
    const BAR_COLORS = ['#c0392b', '#e08e0b', '#d4b106', '#7fa7d9', '#1f5fbf', '#1e7d4f', '#14532d'];
    let histogram = null; // {canvas, buckets} of the last render, redrawn on resize

    // ---------- formatting ----------

    function fmtQuote(x) {
      if (!finite(x)) return '–';
      const abs = Math.abs(x);
      if (abs >= 1e9) return `${fmtNumber(x / 1e9, 2)} B`;
      if (abs >= 1e6) return `${fmtNumber(x / 1e6, 2)} M`;
      if (abs >= 1e4) return `${fmtNumber(x / 1e3, 1)} k`;
      return fmtNumber(x, 2);
    }

    const fmtHf = (x) => (finite(x) ? x.toFixed(3) : '∞');
    const fmtCount = (n) => (finite(n) ? fmtNumber(n, 0) : '–');

    function bucketLabel(b) {
      if (!finite(b.toHealthFactor)) return `≥ ${b.fromHealthFactor}`;
      if (!(b.fromHealthFactor > 0)) return `< ${b.toHealthFactor}`;
      return `${b.fromHealthFactor}–${b.toHealthFactor}`;
    }

    function table(headers, rows, cls) {
      return el('table', { class: `grid ${cls || ''}` },
        el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { text: h })))),
        el('tbody', {}, ...rows));
    }

    function row(cells, cls) {
      const tr = el('tr', cls ? { class: cls } : {});
      for (const c of cells) tr.append(c instanceof Node ? c : el('td', { text: String(c) }));
      return tr;
    }

    function section(id, title, ...children) {
      const node = document.getElementById(id);
      node.replaceChildren(el('h2', { text: title }), ...children.filter((c) => c != null));
      node.hidden = false;
      return node;
    }

    function hide(id) {
      const node = document.getElementById(id);
      node.hidden = true;
      node.replaceChildren();
    }

    // ---------- position book ----------

    function drawHistogram(chart) {
      const { canvas, buckets } = chart;
      const area = paintArea(canvas);
      if (area === null) return;
      const { ctx, width, height } = area;

      const left = 70;
      const right = width - 16;
      const top = 40;
      const bottom = height - 40;
      ctx.font = 'bold 12px system-ui, "DejaVu Sans", sans-serif';
      ctx.fillStyle = COLORS.text;
      ctx.textBaseline = 'top';
      ctx.fillText('debt by health factor (quote currency)', left, 6);

      const maxDebt = Math.max(0, ...buckets.map((b) => (finite(b.debtQuote) ? b.debtQuote : 0)));
      const scale = niceScale(0, maxDebt > 0 ? maxDebt : 1, 4);
      const y = (v) => bottom - ((v - scale.lo) / (scale.hi - scale.lo)) * (bottom - top);
      ctx.strokeStyle = COLORS.grid;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const v of scale.ticks) {
        const py = Math.round(y(v)) + 0.5;
        ctx.moveTo(left, py);
        ctx.lineTo(right, py);
      }
      ctx.stroke();
      ctx.strokeStyle = COLORS.axis;
      ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);

      ctx.font = FONT;
      ctx.fillStyle = COLORS.muted;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (const v of scale.ticks) ctx.fillText(fmtQuote(v), left - 6, y(v));

      const slot = (right - left) / buckets.length;
      const barWidth = Math.max(4, slot * 0.7);
      let bars = 0;
      buckets.forEach((b, i) => {
        const cx = left + slot * (i + 0.5);
        const debt = finite(b.debtQuote) ? b.debtQuote : 0;
        if (debt > 0) {
          ctx.fillStyle = BAR_COLORS[Math.min(i, BAR_COLORS.length - 1)];
          const py = y(debt);
          ctx.fillRect(cx - barWidth / 2, py, barWidth, bottom - py);
          bars += 1;
        }
        ctx.fillStyle = COLORS.text;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.fillText(`${fmtCount(b.positions)} pos.`, cx, y(debt) - 3);
        ctx.fillStyle = COLORS.muted;
        ctx.textBaseline = 'top';
        ctx.fillText(bucketLabel(b), cx, bottom + 6);
      });
      ctx.textAlign = 'center';
      ctx.fillText('health factor (HF < 1: liquidatable)', (left + right) / 2, bottom + 22);
      canvas.dataset.bars = String(bars);
    }

    function totals(book) {
      const buckets = Array.isArray(book.buckets) ? book.buckets : [];
      const dueDebt = buckets.filter((b) => finite(b.toHealthFactor) && b.toHealthFactor <= 1)
        .reduce((s, b) => s + b.debtQuote, 0);
      const due = book.liquidatable > 0;
      return el('dl', { class: 'facts book-totals' },
        fact('positions', `${fmtCount(book.positions)} of ${fmtCount(book.maxPositions)}`),
        fact('debt', fmtQuote(book.debtQuote)),
        fact('collateral', fmtQuote(book.collateralQuote)),
        fact('liquidatable', fmtCount(book.liquidatable), due ? 'alert' : ''),
        fact('liquidatable debt', fmtQuote(dueDebt), due ? 'alert' : ''),
        fact('snapshot', book.lastSnapshotError ? `failed: ${book.lastSnapshotError}` : 'ok',
          book.lastSnapshotError ? 'alert' : ''));
    }

    function cliffTable(book) {
      const cliff = Array.isArray(book.cliff) ? book.cliff : [];
      const rows = cliff.map((c) => {
        const share = book.debtQuote > 0 ? c.debtQuote / book.debtQuote : 0;
        const bar = el('span', { class: 'share-bar' });
        bar.style.width = `${Math.min(100, share * 100).toFixed(1)}%`;
        return row([`−${pct(c.fall, 0)}`, fmtCount(c.positions), fmtQuote(c.debtQuote),
          fmtQuote(c.collateralQuote), el('td', { class: 'share' }, bar, pct(share))]);
      });
      return el('div', { class: 'book-part' },
        el('h3', { text: 'Liquidation cliff: what a further fall of all prices makes liquidatable' }),
        table(['fall', 'positions', 'debt', 'collateral', 'share of debt'], rows, 'cliff'));
    }

    function seizures(list) {
      const taken = Array.isArray(list) ? list.filter((s) => s.quantity > 0) : [];
      if (taken.length === 0) return el('td', { text: '–' });
      const text = taken.map((s) => `${fmtPrice(s.quantity)} ${s.symbol}`).join(', ');
      return el('td', { class: 'wrap', text });
    }

    function queueTable(queue) {
      const entries = Array.isArray(queue.queue) ? queue.queue : [];
      const head = el('h3', {
        text: `Liquidation queue: ${fmtCount(queue.liquidatable)} liquidatable, `
          + `first ${entries.length} shown`,
      });
      if (entries.length === 0) {
        return el('div', { class: 'book-part' }, head,
          el('p', { class: 'empty', text: 'No position is liquidatable.' }));
      }
      const rows = entries.map((e) => row([e.rank, e.positionId, fmtHf(e.healthFactor),
        fmtQuote(e.debtQuote), fmtQuote(e.repayQuote), pct(e.nextSliceFraction, 0),
        fmtQuote(e.nextRepayQuote), seizures(e.nextSeizures), e.waitingOn || '–',
        e.toxicSpiral ? 'yes' : ''], e.toxicSpiral ? 'alert' : ''));
      return el('div', { class: 'book-part scroll' }, head,
        table(['#', 'position', 'HF', 'debt', 'repay', 'next slice', 'next repay',
          'next seizures', 'waiting on', 'toxic spiral'], rows, 'queue'));
    }

    async function renderBook() {
      let book;
      let queue;
      try {
        [book, queue] = await Promise.all([getJson('/v1/book'),
          getJson(`/v1/liquidations?limit=${QUEUE_LIMIT}`)]);
      } catch (err) {
        console.error('position book request failed:', err);
        histogram = null;
        section('book', 'Position book',
          el('p', { class: 'card-error', text: `Position book unavailable: ${err.message}` }));
        return;
      }
      if (!(book.positions > 0)) {
        histogram = null;
        section('book', 'Position book', totals(book),
          el('p', { class: 'empty', text: 'no positions' }));
        return;
      }
      const canvas = el('canvas', { class: 'chart histogram', 'data-bars': '' });
      canvas.setAttribute('aria-label', 'debt of the position book by health-factor bucket');
      section('book', 'Position book', totals(book), canvas,
        el('div', { class: 'book-tables' }, cliffTable(book), queueTable(queue)));
      histogram = { canvas, buckets: Array.isArray(book.buckets) ? book.buckets : [] };
      drawHistogram(histogram);
    }

    // ---------- live prices ----------

    function refusedText(refused) {
      const parts = Object.entries(refused || {}).filter(([, n]) => n > 0)
        .map(([k, n]) => `${k.toLowerCase().replace(/_/g, ' ')} ${fmtCount(n)}`);
      return parts.join(', ');
    }

    function assetRows(a, now) {
      const sources = Array.isArray(a.sources) && a.sources.length > 0 ? a.sources : [null];
      const span = { rowspan: String(sources.length) };
      return sources.map((s, i) => {
        const refused = s ? refusedText(s.refused) : '';
        const alert = refused !== '' || (s && s.state !== 'healthy');
        const cls = `${a.stale ? 'stale' : ''}${alert ? ' alert' : ''}`.trim();
        const cells = i > 0 ? [] : [
          el('td', { ...span, class: 'asset', text: a.symbol }),
          el('td', { ...span, class: 'num', text: fmtPrice(a.price) }),
          el('td', { ...span, class: 'num', text: fmtPrice(a.twap) }),
          el('td', { ...span, text: fmtTime(a.priceMs) }),
          el('td', span, a.stale ? el('span', { class: 'badge bad', text: 'STALE' })
            : el('span', { class: 'badge ok', text: 'fresh' })),
        ];
        if (s) {
          const ageMs = now - s.lastQuoteMs;
          const age = finite(ageMs) ? `${Math.round(ageMs / 1000)} s` : '–';
          cells.push(el('td', { text: s.name }),
            el('td', {}, el('span', {
              class: `badge ${s.state === 'healthy' ? 'ok' : 'warn'}`, text: s.state,
            })),
            el('td', { class: 'num', text: fmtPrice(s.lastPrice) }),
            el('td', { class: 'num', text: age }),
            el('td', { class: 'num', text: fmtCount(s.accepted) }),
            el('td', { class: `num${s.outliers > 0 ? ' flag' : ''}`, text: fmtCount(s.outliers) }),
            el('td', { class: refused ? 'flag' : '', text: refused || '–' }));
        } else {
          cells.push(el('td', { colspan: '7', class: 'muted', text: 'no source has quoted yet' }));
        }
        const tr = row(cells, cls);
        tr.dataset.symbol = a.symbol;
        return tr;
      });
    }

    async function renderPrices() {
      let body;
      try {
        body = await getJson('/v1/market/prices');
      } catch (err) {
        console.error('live prices request failed:', err);
        section('prices', 'Live prices & guard',
          el('p', { class: 'card-error', text: `Live prices unavailable: ${err.message}` }));
        return;
      }
      const now = Date.now();
      const assets = Array.isArray(body.assets) ? body.assets : [];
      const stale = assets.filter((a) => a.stale).length;
      const refusals = assets.filter((a) => a.lastRefusal).map((a) => `${a.symbol}: ${a.lastRefusal}`);
      const summary = el('dl', { class: 'facts' },
        fact('assets', fmtCount(assets.length)),
        fact('stale', fmtCount(stale), stale > 0 ? 'alert' : ''),
        fact('unknown-symbol quotes', fmtCount(body.unknownSymbolQuotes)),
        fact('bars refused', fmtCount(body.barsRefused), body.barsRefused > 0 ? 'alert' : ''));
      const rows = assets.flatMap((a) => assetRows(a, now));
      const feeds = Array.isArray(body.feeds) ? body.feeds : [];
      section('prices', 'Live prices & guard', summary,
        rows.length === 0 ? el('p', { class: 'empty', text: 'no assets' })
          : table(['asset', 'guarded price', 'TWAP', 'price time', 'state', 'source',
            'source state', 'last price', 'quote age', 'accepted', 'outliers', 'refused'],
          rows, 'prices'),
        refusals.length === 0 ? null
          : el('p', { class: 'guard-alerts', text: `Last guard refusals: ${refusals.join('; ')}` }),
        feeds.length === 0 ? null : table(['feed', 'state', 'connects', 'failures', 'messages',
          'malformed', 'last error'], feeds.map((f) => row([f.name, f.state, fmtCount(f.connects),
          fmtCount(f.failures), fmtCount(f.messages), fmtCount(f.malformed), f.lastError || '–'],
        f.lastError ? 'alert' : '')), 'feeds'));
    }

    // ---------- entry points ----------

    async function update(features) {
      const f = features || {};
      const work = [];
      if (f.book === true) work.push(renderBook());
      else {
        histogram = null;
        hide('book');
      }
      if (f.livePrices === true) work.push(renderPrices());
      else hide('prices');
      await Promise.all(work);
    }

    function redraw() {
      if (histogram) drawHistogram(histogram);
    }

    return { update, redraw };
  },
};
