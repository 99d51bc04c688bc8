#!/usr/bin/env python3
"""Stand-in for the liqopt service, for working on the dashboard without it.

Usage: scripts/mock-dashboard-api.py PORT [--dir DASHBOARD_DIR] [--seed N] [--no-book]
                                      [--no-live-prices] [--empty-book]

Serves the dashboard files (default serving/src/main/resources/dashboard) at `/`
and `/dashboard/<file>`, and fake JSON for the API the page reads:
  GET /v1/assets                           3 assets (one stale), current thresholds
  GET /v1/assets/{symbol}/history?hours=N  N hourly points (default 168), random walk;
                                           lt/maxLtv are null for the first hours and
                                           in one gap, to exercise gap drawing
  GET /ready                               200 {"ready": true}
  GET /health                              200, with features {livePrices, book} as the flags say
  GET /v1/book                             a book of 400 positions by health-factor bucket and
                                           its liquidation cliff (--empty-book: none)
  GET /v1/liquidations?limit=N             the first N of its liquidatable positions
  GET /v1/market/prices                    the assets' guarded prices, 3 sources each; SOLUSDT
                                           stale, one source with refused quotes and outliers
A feature that is off answers its routes 404, as the service does.
Binds 127.0.0.1 only. Stop it with Ctrl-C or by its pid.
"""
import argparse
import json
import math
import mimetypes
import random
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

HOUR_MS = 3_600_000
MODEL_ID = "mock-bundle-2024.1"
ASSETS = {  # symbol -> (start price, hourly volatility)
    "BTCUSDT": (43_000.0, 0.006),
    "ETHUSDT": (2_300.0, 0.008),
    "SOLUSDT": (98.0, 0.012),
}
STALE = {"SOLUSDT"}


def history(symbol, hours, now_ms, seed):
    """Hourly points ending at the last full hour; thresholds follow the 24 h volatility."""
    start_price, sigma = ASSETS[symbol]
    rng = random.Random(f"{seed}:{symbol}")
    last_hour = now_ms - now_ms % HOUR_MS
    price = start_price
    returns = []
    points = []
    for i in range(hours):
        r = rng.gauss(0.0, sigma * (1.0 + 0.8 * math.sin(i / 30.0) ** 2))
        price *= math.exp(r)
        returns.append(r)
        window = returns[-24:]
        vol24 = math.sqrt(24.0 * sum(x * x for x in window) / len(window))
        lt = max(0.5, min(0.9, 0.9 - 1.6 * vol24))
        forecast = i >= 6 and not (symbol == "ETHUSDT" and 100 <= i < 110)
        points.append({
            "t": last_hour - (hours - 1 - i) * HOUR_MS,
            "price": round(price, 6),
            "volatility24h": round(vol24, 6),
            "lt": round(lt, 4) if forecast else None,
            "maxLtv": round(lt - 0.07, 4) if forecast else None,
        })
    return points


def overview(now_ms, seed):
    assets = []
    for symbol in ASSETS:
        last = history(symbol, 168, now_ms, seed)[-1]
        data_time = last["t"] - (6 * HOUR_MS if symbol in STALE else 0)
        assets.append({
            "symbol": symbol,
            "price": last["price"],
            "dataTimeMs": data_time,
            "stale": symbol in STALE,
            "thresholds": {
                "lt": last["lt"], "maxLtv": last["maxLtv"], "bonus": 0.05 + last["volatility24h"] / 4,
                "closeFactor": 0.5, "volatility24h": last["volatility24h"],
                "stressProbability": 0.02, "modelVersion": MODEL_ID,
            },
        })
    return {"modelId": MODEL_ID, "mode": "bundle", "clock": "wall", "now": now_ms, "assets": assets}


BUCKET_EDGES = [0, 1, 1.05, 1.1, 1.25, 1.5, 2]
FALLS = [0.01, 0.05, 0.10]


def book_positions(seed, empty):
    """(id, debt, collateral, health factor) of a synthetic book, a few of them liquidatable."""
    if empty:
        return []
    rng = random.Random(f"{seed}:book")
    out = []
    for i in range(400):
        hf = 0.75 + rng.lognormvariate(-0.5, 0.6)
        debt = round(rng.lognormvariate(9.0, 1.2), 2)
        out.append((f"loan-{i:04d}", debt, debt * hf / 0.85, hf))
    return out


def book_summary(positions):
    buckets = [[0, 0.0, 0.0] for _ in BUCKET_EDGES]
    cliff = [[0, 0.0, 0.0] for _ in FALLS]
    for _, debt, coll, hf in positions:
        b = max(k for k, edge in enumerate(BUCKET_EDGES) if hf >= edge)
        buckets[b] = [buckets[b][0] + 1, buckets[b][1] + debt, buckets[b][2] + coll]
        for k, fall in enumerate(FALLS):
            if hf >= 1 and hf * (1 - fall) < 1:
                cliff[k] = [cliff[k][0] + 1, cliff[k][1] + debt, cliff[k][2] + coll]
    return {
        "positions": len(positions),
        "maxPositions": 1_000_000,
        "liquidatable": sum(1 for p in positions if p[3] < 1),
        "debtQuote": sum(p[1] for p in positions),
        "collateralQuote": sum(p[2] for p in positions),
        "buckets": [{"fromHealthFactor": edge,
                     "toHealthFactor": BUCKET_EDGES[k + 1] if k + 1 < len(BUCKET_EDGES) else None,
                     "positions": buckets[k][0], "debtQuote": buckets[k][1],
                     "collateralQuote": buckets[k][2]} for k, edge in enumerate(BUCKET_EDGES)],
        "cliff": [{"fall": fall, "positions": cliff[k][0], "debtQuote": cliff[k][1],
                   "collateralQuote": cliff[k][2]} for k, fall in enumerate(FALLS)],
        "lastSnapshotError": None,
    }


def liquidations(positions, limit):
    due = sorted((p for p in positions if p[3] < 1), key=lambda p: p[3])
    queue = []
    for rank, (pid, debt, coll, hf) in enumerate(due[:limit], start=1):
        repay = round(debt * 0.5, 2)
        fraction = 1.0 if rank <= 5 else 0.4
        queue.append({
            "rank": rank, "positionId": pid, "healthFactor": hf, "coverage": coll / debt,
            "debtQuote": debt, "repayQuote": repay, "toxicSpiral": hf < 0.9,
            "nextSliceFraction": fraction, "nextRepayQuote": round(repay * fraction, 2),
            "nextSeizures": [{"symbol": "ETHUSDT", "valueQuote": repay * fraction * 1.05,
                              "quantity": repay * fraction * 1.05 / 2300.0, "bonus": 0.05}],
            "waitingOn": None if fraction == 1.0 else "ETHUSDT",
        })
    return {"stateVersion": 42, "liquidatable": len(due), "assessed": len(due), "queue": queue}


def live_prices(now_ms, seed):
    assets = []
    for symbol, (start_price, _) in ASSETS.items():
        price = history(symbol, 168, now_ms, seed)[-1]["price"]
        stale = symbol in STALE
        quote_ms = now_ms - (600_000 if stale else 2_000)
        sources = []
        for k, name in enumerate(["binance", "coinbase", "kraken"]):
            refused = {"OUT_OF_ORDER": 3, "TWAP_BAND": 1} if name == "kraken" else {}
            sources.append({
                "name": name, "state": "stale" if stale else "healthy",
                "lastPrice": round(price * (1 + 0.0004 * (k - 1)), 6), "lastQuoteMs": quote_ms,
                "repeats": 0, "accepted": 1200 - 7 * k,
                "outliers": 2 if name == "kraken" else 0, "refused": refused,
            })
        assets.append({
            "symbol": symbol, "price": None if stale else price,
            "priceMs": None if stale else quote_ms, "stale": stale,
            "twap": price, "lastRefusal": "no quorum: 0 healthy sources" if stale else None,
            "sources": sources, "barsMade": 12, "barsWithoutVolume": 0,
        })
    feeds = [{"name": "push", "state": "connected", "connects": 1, "failures": 0,
              "messages": 3600, "malformed": 0, "lastError": None}]
    return {"assets": assets, "feeds": feeds, "unknownSymbolQuotes": 0, "barsRefused": 0}


def health(now_ms, features):
    return {"status": "ok", "ready": True, "modelId": MODEL_ID, "mode": "bundle",
            "clock": "wall", "nowMs": now_ms, "assets": len(ASSETS),
            "staleAssets": sorted(STALE), "unavailableAssets": [], "features": features}


def make_handler(root: Path, seed: int, features, positions):
    class Handler(BaseHTTPRequestHandler):
        def send_body(self, status, body: bytes, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def send_json(self, status, obj):
            self.send_body(status, json.dumps(obj).encode(), "application/json")

        def send_file(self, name):
            path = (root / name).resolve()
            if root not in path.parents or not path.is_file():
                return self.send_json(404, {"error": "not found"})
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype.endswith("javascript"):
                ctype += "; charset=utf-8"
            self.send_body(200, path.read_bytes(), ctype)

        def do_GET(self):
            url = urlparse(self.path)
            parts = [unquote(p) for p in url.path.split("/") if p]
            now_ms = int(time.time() * 1000)
            if not parts:
                return self.send_file("index.html")
            if parts[0] == "dashboard" and len(parts) == 2:
                return self.send_file(parts[1])
            if parts == ["ready"]:
                return self.send_json(200, {"ready": True})
            if parts == ["health"]:
                return self.send_json(200, health(now_ms, features))
            if parts in (["v1", "book"], ["v1", "liquidations"]) and not features["book"]:
                return self.send_json(404, {"error": "the position book is off"})
            if parts == ["v1", "book"]:
                return self.send_json(200, book_summary(positions))
            if parts == ["v1", "liquidations"]:
                try:
                    limit = int(parse_qs(url.query).get("limit", ["100"])[0])
                except ValueError:
                    return self.send_json(400, {"error": "limit must be an integer"})
                return self.send_json(200, liquidations(positions, limit))
            if parts == ["v1", "market", "prices"]:
                if not features["livePrices"]:
                    return self.send_json(404, {"error": "live prices are off"})
                return self.send_json(200, live_prices(now_ms, seed))
            if parts == ["v1", "assets"]:
                return self.send_json(200, overview(now_ms, seed))
            if len(parts) == 4 and parts[:2] == ["v1", "assets"] and parts[3] == "history":
                symbol = parts[2]
                if symbol not in ASSETS:
                    return self.send_json(404, {"error": f"unknown symbol {symbol}"})
                try:
                    hours = int(parse_qs(url.query).get("hours", ["168"])[0])
                except ValueError:
                    return self.send_json(400, {"error": "hours must be an integer"})
                hours = max(1, min(hours, 24 * 90))
                return self.send_json(200, {"symbol": symbol, "modelId": MODEL_ID,
                                            "points": history(symbol, hours, now_ms, seed)})
            self.send_json(404, {"error": "not found"})

        def log_message(self, fmt, *args):
            pass  # quiet

    return Handler


def main():
    default_dir = Path(__file__).resolve().parent.parent / "serving/src/main/resources/dashboard"
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("port", type=int)
    ap.add_argument("--dir", type=Path, default=default_dir, help="dashboard files to serve")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-book", action="store_true", help="the position book is off")
    ap.add_argument("--no-live-prices", action="store_true", help="live prices are off")
    ap.add_argument("--empty-book", action="store_true", help="the book holds no position")
    args = ap.parse_args()
    root = args.dir.resolve()
    features = {"livePrices": not args.no_live_prices, "book": not args.no_book}
    positions = book_positions(args.seed, args.empty_book)
    handler = make_handler(root, args.seed, features, positions)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"mock liqopt API on http://127.0.0.1:{args.port}/ serving {root}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
