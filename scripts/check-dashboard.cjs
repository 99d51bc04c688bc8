// Helper of scripts/check-dashboard.sh (see there for usage).
// Env: CHECK_URL, CHECK_OUT_DIR, CHROMIUM, PUPPETEER_DIR, CHECK_TIMEOUT_MS.
// Prints one line: "OK ..." (exit 0) or "FAIL: reason" (exit 1).
'use strict';

const fs = require('fs');
const path = require('path');
const puppeteer = require(path.join(process.env.PUPPETEER_DIR, 'node_modules', 'puppeteer-core'));

const url = process.env.CHECK_URL;
const outDir = process.env.CHECK_OUT_DIR;
const timeout = Number(process.env.CHECK_TIMEOUT_MS || 30000);
const shot = path.join(outDir, 'dashboard.png');

// /ready answering 503 is a legitimate state the page shows, not a page failure.
const tolerated = (reqUrl, status) => status === 503 && new URL(reqUrl).pathname === '/ready';

function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim().slice(0, 400);
}

async function main() {
  const problems = [];
  let problemSeen;
  const firstProblem = new Promise((resolve) => { problemSeen = resolve; });
  const report = (text) => { problems.push(text); problemSeen(); };
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars',
      '--no-first-run', '--no-default-browser-check'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900, deviceScaleFactor: 1 });
    page.on('pageerror', (err) => report(`uncaught exception: ${oneLine(err.message || err)}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location() || {};
      // Chromium logs every HTTP error as "Failed to load resource"; the response hook judges those.
      if (/^Failed to load resource/.test(msg.text()) && loc.url) return;
      report(`console error: ${oneLine(msg.text())}`);
    });
    page.on('requestfailed', (req) =>
      report(`request failed: ${req.url()} (${req.failure() ? req.failure().errorText : '?'})`));
    let ready = 'unknown';
    page.on('response', (res) => {
      if (new URL(res.url()).pathname === '/ready') ready = res.status() === 200 ? 'true' : 'false';
      if (res.status() >= 400 && !tolerated(res.url(), res.status())) {
        report(`HTTP ${res.status()} for ${res.url()}`);
      }
    });

    const nav = await page.goto(url, { waitUntil: 'load', timeout });
    if (!nav || !nav.ok()) throw new Error(`page answered HTTP ${nav ? nav.status() : '?'}`);
    // The page sets <body data-render-count> after each refresh, whether it worked or not;
    // stop waiting at the first problem seen.
    const rendered = page.waitForFunction(() => Number(document.body.dataset.renderCount || 0) >= 1, { timeout });
    rendered.catch(() => {}); // may lose the race below; its rejection is handled there
    await Promise.race([rendered, firstProblem]).catch(() => {
      problems.push(`page did not finish its first refresh within ${timeout} ms`);
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let late errors surface

    const state = await page.evaluate(async () => {
      // pixels differing from the top-left one (the background)
      const inkedPixels = (canvas) => {
        let inked = 0;
        if (canvas && canvas.width > 0 && canvas.height > 0) {
          const ctx = canvas.getContext('2d');
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          const [r0, g0, b0, a0] = data;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] !== r0 || data[i + 1] !== g0 || data[i + 2] !== b0 || data[i + 3] !== a0) inked += 1;
          }
        }
        return inked;
      };
      const errorBox = document.getElementById('error');
      const cards = [...document.querySelectorAll('.card')].map((card) => {
        const canvas = card.querySelector('canvas');
        return {
          symbol: card.dataset.symbol,
          points: canvas ? Number(canvas.dataset.points || 0) : 0,
          inked: inkedPixels(canvas),
        };
      });
      const health = await fetch('/health', { cache: 'no-store' }).then((r) => r.json()).catch(() => ({}));
      const features = health.features || {};
      const bookSection = document.getElementById('book');
      const histogram = bookSection ? bookSection.querySelector('canvas.histogram') : null;
      const pricesSection = document.getElementById('prices');
      return {
        error: errorBox && !errorBox.hidden ? errorBox.textContent : '',
        cards,
        model: document.getElementById('model-id').textContent,
        mode: document.getElementById('mode').textContent,
        features: { book: features.book === true, livePrices: features.livePrices === true },
        book: {
          shown: Boolean(bookSection && !bookSection.hidden),
          bars: histogram ? Number(histogram.dataset.bars || 0) : 0,
          inked: inkedPixels(histogram),
        },
        prices: {
          shown: Boolean(pricesSection && !pricesSection.hidden),
          rows: pricesSection ? pricesSection.querySelectorAll('table.prices tbody tr').length : 0,
        },
      };
    });

    await page.screenshot({ path: shot, fullPage: true });

    if (state.error) problems.push(`page shows an error: ${oneLine(state.error)}`);
    if (state.cards.length === 0) problems.push('no asset cards rendered');
    const empty = state.cards.filter((c) => c.points === 0 || c.inked === 0).map((c) => c.symbol);
    if (empty.length > 0) problems.push(`empty chart for ${empty.join(', ')}`);
    // The live engine's panels: shown exactly when /health says their feature is on.
    if (state.features.book && (state.book.bars === 0 || state.book.inked === 0)) {
      problems.push('the book is on but its health-factor histogram is empty (or missing)');
    }
    if (!state.features.book && state.book.shown) problems.push('the book is off but its panel shows');
    if (state.features.livePrices && state.prices.rows === 0) {
      problems.push('live prices are on but the live-prices table has no rows');
    }
    if (!state.features.livePrices && state.prices.shown) {
      problems.push('live prices are off but their panel shows');
    }

    if (problems.length > 0) {
      console.log(`FAIL: ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`);
      return 1;
    }
    const total = state.cards.reduce((s, c) => s + c.points, 0);
    const perAsset = state.cards.map((c) => `${c.symbol}=${c.points}`).join(' ');
    const book = state.features.book ? `${state.book.bars} histogram bars` : 'off';
    const prices = state.features.livePrices ? `${state.prices.rows} rows` : 'off';
    console.log(`OK: ${state.cards.length} assets, ${total} points drawn (${perAsset}); `
      + `book: ${book}; live prices: ${prices}; `
      + `model=${state.model} mode=${state.mode} ready=${ready}; screenshot ${shot}`);
    return 0;
  } finally {
    await browser.close();
  }
}

fs.mkdirSync(outDir, { recursive: true });
main().then((code) => process.exit(code), (err) => {
  console.log(`FAIL: ${oneLine(err && err.message ? err.message : err)}`);
  process.exit(1);
});
