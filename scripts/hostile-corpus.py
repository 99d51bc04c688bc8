#!/usr/bin/env python3
"""A hostile-request corpus against a running liqopt service, with valid probes interleaved.

    scripts/hostile-corpus.py URL [--seconds 60] [--symbol SYM] [--out FILE.json]
                              [--min-post-share 0.99] [--quiet-seconds 0] [--kinds K1,K2,...]

Several attacker threads send, in a loop, each kind of request below (every body built once, before
the run) while a probe process of its own sends valid requests (GET thresholds every 20 ms; a small
POST assess every 200 ms) and times them. At the
end it prints, per kind, the statuses seen, and for the probes the share answered 2xx and the
latency quantiles; the verdict fails on any 5xx other than a 503 carrying Retry-After, on a share
of GET probes answered 2xx below 99 % (of POST probes below --min-post-share: a POST may be refused
with a busy 503 by design), or when the server stops answering. Standard library only.

With --quiet-seconds Q, the probes first run alone for Q seconds: the same run's baseline, against
which the probes' latency under attack is reported as a ratio.

Kinds: amplify (10 000 underwater positions, full view), unknown (~15 MiB of distinct unknown
symbols), oversize (20 MiB), slow (a body trickled a byte a second), override (a method override
header), nested (JSON nested 100 000 deep), stress (the most paths the server allows over a week),
bars (a thresholds batch of 10 symbols of 2 000 caller bars each), garbage (random bytes).
"""
import argparse
import http.client
import json
import multiprocessing
import os
import random
import socket
import sys
import threading
import time
import urllib.parse

HOUR_MS = 3_600_000


def request(base, method, path, body=None, headers=None, timeout=60):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    h = {"Content-Type": "application/json"} if body is not None else {}
    h.update(headers or {})
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return r.status, r.getheader("Retry-After"), len(data)
    finally:
        conn.close()


def position(i, symbol, quantity, debt):
    return {"id": f"p{i}", "collateral": [{"symbol": symbol, "quantity": quantity}],
            "debtAsset": "USDT", "debtQuote": debt}


def corpus(symbol, price):
    """The attacks, their bodies built once here: a client that rebuilt a 15 MiB body per request
    would spend its own CPU (and, in Python, hold the lock every thread of this process needs)
    while the probes are timed."""
    amplify_body = json.dumps({"positions": [position(i, symbol, 1e9, 0.99 * 1e9 * price)
                                             for i in range(10_000)]}).encode()
    parts, size, i = [], 0, 0
    while size < 15 * 2**20 and i < 10_000:
        hs = [{"symbol": f"U{i * 64 + h:07d}USDT", "quantity": 1} for h in range(64)]
        part = json.dumps({"id": f"p{i}", "collateral": hs, "debtAsset": "USDT", "debtQuote": 1})
        parts.append(part)
        size += len(part)
        i += 1
    unknown_body = ('{"positions":[' + ",".join(parts) + "]}").encode()
    oversize_body = b"[" + b"1," * (10 * 2**20) + b"1]"
    nested_body = b"[" * 100_000 + b"]" * 100_000
    stress_body = json.dumps({"position": position(0, symbol, 1, 0.5 * price), "hours": 168,
                              "paths": 47_000}).encode()
    garbage_body = os.urandom(200_000)

    def amplify(base):
        return request(base, "POST", "/v1/positions/assess", amplify_body)

    def unknown(base):
        return request(base, "POST", "/v1/positions/assess", unknown_body)

    def oversize(base):
        return request(base, "POST", "/v1/positions/assess", oversize_body)

    def slow(base):
        u = urllib.parse.urlsplit(base)
        s = socket.create_connection((u.hostname, u.port), timeout=30)
        try:
            s.sendall(b"POST /v1/positions/assess HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            for _ in range(20):
                s.sendall(b" ")
                time.sleep(1)
            s.shutdown(socket.SHUT_WR)
            head = s.recv(64).decode("latin-1", "replace")
            return (int(head.split()[1]) if head.startswith("HTTP/") else 0), None, len(head)
        except OSError:
            return 0, None, 0
        finally:
            s.close()

    def override(base):
        return request(base, "POST", f"/v1/assets/{symbol}/thresholds", "{}",
                       {"X-HTTP-Method-Override": "GET" + str(random.randint(0, 1 << 30))})

    def nested(base):
        return request(base, "POST", "/v1/positions/assess", nested_body)

    def stress(base):
        # the most paths the path-hour-asset bound lets through over a week for one asset
        return request(base, "POST", "/v1/positions/stress", stress_body)

    t0 = (int(time.time() * 1000) // HOUR_MS - 2100) * HOUR_MS
    series = {}
    for k in range(10):
        rng = random.Random(k)
        p, bs = 100.0, []
        for i in range(2000):
            c = p * (1 + 0.01 * rng.gauss(0, 1))
            bs.append({"openTimeMs": t0 + i * HOUR_MS, "open": p, "high": max(p, c) * 1.001,
                       "low": min(p, c) * 0.999, "close": c, "volume": 10,
                       "quoteVolume": 10 * c})
            p = c
        series[f"X{k:03d}USDT"] = bs
    bars_body = json.dumps({"symbols": list(series), "bars": series}).encode()

    def bars(base):
        return request(base, "POST", "/v1/thresholds", bars_body)

    def garbage(base):
        return request(base, "POST", "/v1/positions/assess", garbage_body)

    return {f.__name__: f for f in
            (amplify, unknown, oversize, slow, override, nested, stress, bars, garbage)}


def probe_process(base, symbol, price, seconds, out):
    """Times valid requests in a process of its own (its own interpreter lock, so the attackers'
    threads cannot delay its clock) and sends back (kind, status, ms) rows."""
    end = time.time() + seconds
    small = json.dumps({"positions": [position(0, symbol, 1, 0.5 * price)]})
    rows = []

    def prober(kind, period):
        while time.time() < end:
            t = time.perf_counter()
            try:
                if kind == "get":
                    status, _, _ = request(base, "GET", f"/v1/assets/{symbol}/thresholds",
                                           timeout=10)
                else:
                    status, _, _ = request(base, "POST", "/v1/positions/assess?view=compact",
                                           small, timeout=10)
            except Exception:
                status = 0
            rows.append((kind, status, (time.perf_counter() - t) * 1000))
            time.sleep(period)

    ts = [threading.Thread(target=prober, args=("get", 0.02)),
          threading.Thread(target=prober, args=("post", 0.2))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.send(rows)
    out.close()


def probes_for(base, symbol, price, seconds):
    """Starts the probe process; call the result to wait for its rows, by kind."""
    recv, send = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=probe_process, args=(base, symbol, price, seconds, send))
    p.start()

    def rows():
        got = recv.recv()
        p.join()
        out = {"get": [], "post": []}
        for kind, status, ms in got:
            out[kind].append((status, ms))
        return out

    return rows


GET_ROUTE = 'method="GET",route="/v1/assets/{symbol}/thresholds",status="200"'


def server_histogram(base):
    """The service's own histogram of GET thresholds (handler time, without the network and this
    client): {upper bound in s: cumulative count}, from /metrics."""
    try:
        text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    except Exception:
        return {}
    out = {"gcPauseSeconds": 0.0, "gcPauses": 0.0}
    for line in text.splitlines():
        if line.startswith("http_server_requests_seconds_bucket{") and GET_ROUTE in line:
            le = line.split('le="')[1].split('"')[0]
            out[float("inf") if le == "+Inf" else float(le)] = float(line.rsplit(" ", 1)[1])
        elif line.startswith("jvm_gc_pause_seconds_sum{"):
            out["gcPauseSeconds"] += float(line.rsplit(" ", 1)[1])
        elif line.startswith("jvm_gc_pause_seconds_count{"):
            out["gcPauses"] += float(line.rsplit(" ", 1)[1])
    return out


def server_p99_ms(before, after):
    """p99 in ms of the requests counted between two histograms (the bucket's upper bound)."""
    bounds = sorted(b for b in after if not isinstance(b, str))
    counts = [after[b] - before.get(b, 0) for b in bounds]
    if not counts or counts[-1] <= 0:
        return float("nan")
    for b, c in zip(bounds, counts):
        if c >= 0.99 * counts[-1]:
            return b * 1000
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--symbol")
    ap.add_argument("--out")
    ap.add_argument("--min-post-share", type=float, default=0.99)
    ap.add_argument("--quiet-seconds", type=float, default=0)
    ap.add_argument("--kinds", help="comma-separated attack kinds to run (default: all)")
    a = ap.parse_args()
    base = a.url.rstrip("/")
    assets = json.loads(urllib.request.urlopen(base + "/v1/assets", timeout=10).read())
    symbol = a.symbol or assets["assets"][0]["symbol"]
    th = json.loads(urllib.request.urlopen(f"{base}/v1/assets/{symbol}/thresholds").read())
    price = th["price"]
    kinds = corpus(symbol, price)
    if a.kinds:
        unknown_kinds = set(a.kinds.split(",")) - set(kinds)
        if unknown_kinds:
            sys.exit(f"unknown kinds {sorted(unknown_kinds)}; known: {', '.join(kinds)}")
        kinds = {k: f for k, f in kinds.items() if k in a.kinds.split(",")}
    lock = threading.Lock()
    quiet = {"get": [], "post": []}
    end = time.time() + a.quiet_seconds
    seen = {k: {} for k in kinds}
    bad = []

    def attacker(name, f):
        while time.time() < end:
            try:
                status, retry, _ = f(base)
            except Exception as e:  # a reset or timeout: counted, not fatal
                status, retry = "error:" + type(e).__name__, None
            with lock:
                seen[name][str(status)] = seen[name].get(str(status), 0) + 1
                if isinstance(status, int) and status >= 500 and not (
                        status == 503 and retry):
                    bad.append((name, status))

    h0 = server_histogram(base)
    if a.quiet_seconds > 0:
        quiet = probes_for(base, symbol, price, a.quiet_seconds)()
    h1 = server_histogram(base)
    end = time.time() + a.seconds
    threads = [threading.Thread(target=attacker, args=(n, f)) for n, f in kinds.items()]
    wait_probes = probes_for(base, symbol, price, a.seconds)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    probes = wait_probes()
    h2 = server_histogram(base)
    alive = True
    try:
        alive = request(base, "GET", "/health", timeout=10)[0] == 200
    except Exception:
        alive = False

    def quantile(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")

    report = {"seconds": a.seconds, "attacks": seen, "badStatuses": bad, "aliveAfter": alive}
    ok = alive and not bad
    for kind, rows in probes.items():
        lat = [ms for s, ms in rows if 200 <= s < 300]
        share = len(lat) / len(rows) if rows else 0
        report[f"probes_{kind}"] = {"n": len(rows), "share2xx": share,
                                    "p50ms": quantile(lat, 0.5), "p99ms": quantile(lat, 0.99)}
        ok = ok and share >= (0.99 if kind == "get" else a.min_post_share)
        calm = [ms for s, ms in quiet[kind] if 200 <= s < 300]
        if calm:
            report[f"quiet_{kind}"] = {"n": len(quiet[kind]), "p50ms": quantile(calm, 0.5),
                                       "p99ms": quantile(calm, 0.99)}
            report[f"probes_{kind}"]["p99OverQuiet"] = quantile(lat, 0.99) / quantile(calm, 0.99)
    report["server_get_p99ms"] = {"quiet": server_p99_ms(h0, h1), "attack": server_p99_ms(h1, h2),
                                  "note": "the service's own histogram: handler time only, "
                                          "the upper bound of the p99 bucket"}
    report["server_gc"] = {
        phase: {"pauses": b.get("gcPauses", 0) - a_.get("gcPauses", 0),
                "pauseSeconds": b.get("gcPauseSeconds", 0) - a_.get("gcPauseSeconds", 0)}
        for phase, a_, b in (("quiet", h0, h1), ("attack", h1, h2))}
    report["verdict"] = "pass" if ok else "fail"
    print(json.dumps(report, indent=2))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(report, f, indent=2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    import urllib.request
    main()
