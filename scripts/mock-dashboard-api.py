#!/usr/bin/env python3
"""Stand-in for the liqopt service, for working on the dashboard without it.

Usage: scripts/mock-dashboard-api.py PORT [--dir DASHBOARD_DIR] [--seed N]

Serves the dashboard files (default serving/src/main/resources/dashboard) at `/`
and `/dashboard/<file>`, and fake JSON for the API the page reads:
  GET /v1/assets                           3 assets (one stale), current thresholds
  GET /v1/assets/{symbol}/history?hours=N  N hourly points (default 168), random walk;
                                           lt/maxLtv are null for the first hours and
                                           in one gap, to exercise gap drawing
  GET /ready                               200 {"ready": true}
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


def make_handler(root: Path, seed: int):
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
    args = ap.parse_args()
    root = args.dir.resolve()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(root, args.seed))
    print(f"mock liqopt API on http://127.0.0.1:{args.port}/ serving {root}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
