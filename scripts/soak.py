#!/usr/bin/env python3
"""A soak of a running liqopt service: a fixed mixed rate of valid requests for N minutes, with the
live heap after a full GC sampled every 30 s through jcmd (the service's JVM on this machine).

    scripts/soak.py URL --pid PID [--minutes 10] [--rate 50] [--out FILE.json]

Mix (open loop, requests due at a fixed rate, dealt round robin to 4 sender threads): GET
thresholds 60 %, assess of 1 position 25 %, assess of 100 positions (compact view) 10 %, a 2 000-path
24 h stress 5 %. Every 30 s: `jcmd PID GC.run`, then the heap's used size from `jcmd PID
GC.heap_info`. Reported: the heap samples, the least-squares slope of live heap over minutes 2..end
relative to its mean (target: the heap's growth over that span within 10 % of its level), p99 per
minute and the last minute's p99 against minute 2's (target: within 2×), and every non-2xx.
Standard library only; jcmd from the JDK on PATH (or JAVA_HOME).
"""
import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request


def jcmd():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jcmd")):
        return os.path.join(home, "bin", "jcmd")
    return shutil.which("jcmd") or sys.exit("soak: jcmd not found (a JDK's bin on PATH)")


def live_heap_kib(pid):
    """Used heap (KiB) right after a full GC."""
    subprocess.run([jcmd(), str(pid), "GC.run"], check=True, capture_output=True)
    out = subprocess.run([jcmd(), str(pid), "GC.heap_info"], check=True,
                         capture_output=True, text=True).stdout
    m = re.search(r"total (\d+)K, used (\d+)K", out)
    if not m:
        sys.exit("soak: cannot read the heap from jcmd GC.heap_info:\n" + out)
    return int(m.group(2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--out")
    a = ap.parse_args()
    base = a.url.rstrip("/")
    u = urllib.parse.urlsplit(base)
    sym = json.loads(urllib.request.urlopen(base + "/v1/assets").read())["assets"][0]["symbol"]
    price = json.loads(urllib.request.urlopen(f"{base}/v1/assets/{sym}/thresholds").read())["price"]

    def pos(i, debt):
        return {"id": f"p{i}", "collateral": [{"symbol": sym, "quantity": 1}],
                "debtAsset": "USDT", "debtQuote": debt}

    one = json.dumps({"positions": [pos(0, 0.5 * price)]})
    hundred = json.dumps({"positions": [pos(i, price * (0.3 + 0.007 * i)) for i in range(100)]})
    stress = json.dumps({"position": pos(0, 0.6 * price), "hours": 24, "paths": 2000})
    mix = ([("GET", f"/v1/assets/{sym}/thresholds", None)] * 12
           + [("POST", "/v1/positions/assess", one)] * 5
           + [("POST", "/v1/positions/assess?view=compact", hundred)] * 2
           + [("POST", "/v1/positions/stress", stress)])
    start = time.time()
    end = start + a.minutes * 60
    period = 1.0 / a.rate
    lock = threading.Lock()
    rows = []  # (second since start, status, ms)
    counter = [0]

    def sender():
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        while True:
            with lock:
                k = counter[0]
                counter[0] += 1
            due = start + k * period
            if due >= end:
                break
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            method, path, body = mix[k % len(mix)]
            headers = {"Content-Type": "application/json"} if body else {}
            try:
                conn.request(method, path, body=body, headers=headers)
                r = conn.getresponse()
                r.read()
                status = r.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
                status = 0
            done = time.time()
            with lock:  # latency from the intended send time: a stall counts for all it delays
                rows.append((done - start, status, (done - due) * 1000))
        conn.close()

    heap = []

    def sampler():
        while time.time() < end:
            heap.append((time.time() - start, live_heap_kib(a.pid)))
            time.sleep(max(0.0, min(30.0, end - time.time())))

    threads = [threading.Thread(target=sender) for _ in range(4)]
    threads.append(threading.Thread(target=sampler))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    def q99(xs):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(0.99 * len(xs)))] if xs else float("nan")

    minutes = int(a.minutes)
    per_minute = [q99([ms for s, st, ms in rows if m * 60 <= s < (m + 1) * 60])
                  for m in range(minutes)]
    later = [(s / 60, kib) for s, kib in heap if s >= 120]
    slope, mean = float("nan"), float("nan")
    if len(later) >= 2:
        xs = [x for x, _ in later]
        ys = [y for _, y in later]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        mean = my
    growth = slope * (later[-1][0] - later[0][0]) / mean if later else float("nan")
    bad = {}
    for _, st, _ in rows:
        if not 200 <= st < 300:
            bad[str(st)] = bad.get(str(st), 0) + 1
    report = {
        "minutes": a.minutes, "rate": a.rate, "requests": len(rows), "non2xx": bad,
        "heapAfterGcKib": heap, "slopeKibPerMinute": slope, "meanKib": mean,
        "growthOverSpanRelative": growth, "p99MsPerMinute": per_minute,
        "lastMinuteP99OverMinute2": (per_minute[-1] / per_minute[2]
                                     if minutes >= 3 else float("nan")),
    }
    ok = (abs(growth) <= 0.10 and report["lastMinuteP99OverMinute2"] <= 2 and not bad)
    report["verdict"] = "pass" if ok else "fail"
    print(json.dumps(report, indent=2))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(report, f, indent=2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
