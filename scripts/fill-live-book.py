#!/usr/bin/env python3
"""Fills a running liqopt service's live engine with synthetic content (for the dashboard check).

Usage: scripts/fill-live-book.py URL [--token T] [--positions N] [--seed S]
  URL          the service, e.g. http://127.0.0.1:17070 (started with --book --live-prices)
  --token      the bearer token (default: $LIQOPT_TOKEN)
  --positions  how many positions to PUT (default 300)

Reads the held assets' prices and LTs from GET /v1/assets, pushes quotes of every asset from
three sources through POST /v1/market/prices (two agreeing, the third 5 % off, so that the guard
counts an outlier), then PUTs N positions (ids synthetic-0000...; one or two collateral assets)
whose health factors spread over the book's buckets, a few of them below 1. Repeatable: each run
writes the positions at a version above the one held (the current time in ms).
Prints one line; exits 1 with "FAIL: reason" on any refused request.
"""
import argparse
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

SOURCES = ("ci-a", "ci-b", "ci-c")


def call(method, url, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return json.load(res)
    except urllib.error.HTTPError as e:
        detail = e.read().decode(errors="replace")[:300].replace("\n", " ")
        raise SystemExit(f"FAIL: {method} {url} answered HTTP {e.code}: {detail}")
    except OSError as e:
        raise SystemExit(f"FAIL: {method} {url}: {e}")


def push_prices(base, token, assets):
    now_ms = int(time.time() * 1000)
    quotes = []
    for a in assets:
        for k, source in enumerate(SOURCES):
            skew = 1.05 if k == 2 else 1 + 0.0005 * k
            quotes.append({"symbol": a["symbol"], "source": source,
                           "price": a["price"] * skew, "timeMs": now_ms})
    answer = call("POST", f"{base}/v1/market/prices", token, {"quotes": quotes})
    return answer.get("accepted", 0)


def put_positions(base, token, assets, n, seed):
    rng = random.Random(seed)
    version = int(time.time() * 1000)
    liquidatable = 0
    for i in range(n):
        held = rng.sample(assets, k=min(len(assets), rng.choice((1, 1, 2))))
        collateral = []
        weighted = 0.0
        for a in held:
            value = rng.lognormvariate(10.0, 1.0)  # quote currency
            collateral.append({"symbol": a["symbol"], "quantity": value / a["price"]})
            weighted += value * a["lt"]
        target_hf = 0.75 + rng.lognormvariate(-0.45, 0.6)
        body = {"version": version, "collateral": collateral,
                "debtQuote": round(weighted / target_hf, 2)}
        answer = call("PUT", f"{base}/v1/book/positions/synthetic-{i:04d}", token, body)
        liquidatable += 1 if answer.get("liquidatable") else 0
    return liquidatable


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url")
    ap.add_argument("--token", default=os.environ.get("LIQOPT_TOKEN"))
    ap.add_argument("--positions", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    base = args.url.rstrip("/")
    if not args.token:
        raise SystemExit("FAIL: no token (--token or LIQOPT_TOKEN)")
    overview = call("GET", f"{base}/v1/assets")
    assets = [{"symbol": a["symbol"], "price": a["price"], "lt": a["thresholds"]["lt"]}
              for a in overview.get("assets", [])
              if a.get("thresholds") and a.get("price", 0) > 0]
    if not assets:
        raise SystemExit("FAIL: the service publishes no asset with thresholds")
    accepted = push_prices(base, args.token, assets)
    liquidatable = put_positions(base, args.token, assets, args.positions, args.seed)
    print(f"filled: {len(assets)} assets, {accepted} quotes accepted, {args.positions} positions"
          f" ({liquidatable} liquidatable when written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
