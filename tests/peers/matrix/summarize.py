#!/usr/bin/env python3
"""Markdown summary of bench.py results.  Usage: summarize.py DIR [DIR_PROXY [DIR_ROOMS]]

Latency and reaction time: all samples of all rounds pooled (nearest-rank p95).
CPU/RSS/idle: mean (min-max) over rounds.  Per-round e2e / reaction medians listed too.
"""
import glob
import json
import math
import os
import statistics
import sys
from collections import defaultdict


def pct(s, p):
    return s[max(1, math.ceil(p / 100 * len(s))) - 1] if s else float("nan")


def mmm(vals, f="{:.2f}"):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "-"
    return f"{f.format(statistics.fmean(vals))} ({f.format(min(vals))}-{f.format(max(vals))})"


def load(d):
    runs = defaultdict(list)
    for p in sorted(glob.glob(os.path.join(d, "*.json"))):
        if p.endswith(".driver.json") or p.endswith(".proxy.json"):
            continue
        r = json.load(open(p))
        dj = os.path.join(d, os.path.basename(p)[:-5] + ".driver.json")
        r["_driver_full"] = json.load(open(dj)) if os.path.exists(dj) else {}
        runs[r["name"]].append(r)
    return runs


def self_echo(d):
    out = []
    for p in sorted(glob.glob(os.path.join(d, "self_echo_*.driver.json"))):
        out.append(json.load(open(p)))
    return out


def main():
    d = sys.argv[1]
    dp = sys.argv[2] if len(sys.argv) > 2 else None
    runs = load(d)
    prox = load(dp) if dp else {}
    print(f"# Summary of `{d}`" + (f" and `{dp}`" if dp else ""))
    print()
    print("## Main table")
    print()
    print("| bot | command | rounds x n | e2e median | e2e p95 | reaction median | reaction p95 | bot CPU ms/command | "
          "RSS after run MiB | idle CPU % (30 s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    names = sorted(set(runs) | set(prox))
    for name in names:
        rs = runs.get(name, [])
        lat = sorted(x for r in rs for x in r["_driver_full"].get("samples_e2e_ms", []))
        rx = sorted(x for r in prox.get(name, []) for x in r.get("reaction_samples_ms", []))
        cmd = (rs or prox.get(name))[0].get("command", "!ping N")
        print(f"| {name} | `{cmd}` | {len(rs)} x {rs[0]['driver']['n'] if rs else '-'} | "
              f"{statistics.median(lat):.1f} | {pct(lat, 95):.1f} | "
              + (f"{statistics.median(rx):.2f} | {pct(rx, 95):.2f} | " if rx else "- | - | ")
              + f"{mmm([r['bot_cpu_ms_per_ping'] for r in rs])} | "
              f"{mmm([r['rss_kb'] / 1024 for r in rs], '{:.1f}')} | "
              f"{mmm([r['idle_cpu_pct'] for r in rs], '{:.3f}')} |")
    se = self_echo(d)
    if se:
        lat = sorted(x for r in se for x in r.get("samples_e2e_ms", []))
        print(f"| (driver self-echo, no bot) | - | {len(se)} x {se[0]['n']} | {statistics.median(lat):.1f} | "
              f"{pct(lat, 95):.1f} | - | - | - | - | - |")
    print()
    print("## Details (main rounds, no proxy)")
    print()
    print("| bot | e2e min | e2e max | server-ts delta median / p95 | Synapse CPU ms/command | peak RSS (VmHWM) MiB | "
          "threads | start-to-ready s | invite-to-join ms | lost |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in sorted(runs):
        rs = runs[name]
        lat = sorted(x for r in rs for x in r["_driver_full"].get("samples_e2e_ms", []))
        sd = sorted(x for r in rs for x in r["_driver_full"].get("samples_server_delta_ms", []))
        print(f"| {name} | {lat[0]:.1f} | {lat[-1]:.1f} | "
              f"{statistics.median(sd) if sd else float('nan'):.0f} / {pct(sd, 95):.0f} (n={len(sd)}) | "
              f"{mmm([r['synapse_cpu_ms_per_ping'] for r in rs], '{:.1f}')} | "
              f"{mmm([(r.get('hwm_kb') or 0) / 1024 for r in rs], '{:.1f}')} | "
              f"{mmm([r.get('threads') for r in rs], '{:.0f}')} | "
              f"{mmm([r.get('startup_to_ready_s') for r in rs], '{:.2f}')} | "
              f"{mmm([r['driver'].get('join_ms') for r in rs], '{:.0f}')} | "
              f"{sum(len(r['driver']['lost']) for r in rs)} |")
    print()
    print("Per-round e2e median / p95 (ms), in round order:")
    print()
    for name in sorted(runs):
        rs = sorted(runs[name], key=lambda r: r["tag"])
        print(f"- {name}: " + ", ".join(
            f"{r['tag']} {r['driver']['e2e_ms']['median']:.0f}/{r['driver']['e2e_ms']['p95']:.0f}" for r in rs))
    if se:
        print(f"- self-echo: " + ", ".join(f"{r['e2e_ms']['median']:.0f}/{r['e2e_ms']['p95']:.0f}" for r in se))
    if prox:
        print()
        print("## Reaction time through reaction_proxy.py (bot-internal: /sync with the command delivered -> "
              "the bot's PUT /send arrives)")
        print()
        print("| bot | samples | min | median | p95 | p99 | max | per-round medians | requests per command "
              "(measured loop) | e2e median via proxy | bot CPU ms/command via proxy | RSS MiB via proxy |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for name in sorted(prox):
            rs = sorted(prox[name], key=lambda r: r["tag"])
            rx = sorted(x for r in rs for x in r.get("reaction_samples_ms", []))
            kinds = defaultdict(int)
            for r in rs:
                for k, v in r["reaction_ms"]["requests_by_kind"].items():
                    kinds[k] += v
            n = sum(r["driver"]["n"] for r in rs)
            kinds_s = ", ".join(f"{k} {v / n:.2f}" for k, v in sorted(kinds.items()))
            lat = sorted(x for r in rs for x in r["_driver_full"].get("samples_e2e_ms", []))
            print(f"| {name} | {len(rx)} | {rx[0]:.2f} | {statistics.median(rx):.2f} | {pct(rx, 95):.2f} | "
                  f"{pct(rx, 99):.2f} | {rx[-1]:.2f} | "
                  + "/".join(f"{r['reaction_ms'].get('median', float('nan')):.2f}" for r in rs)
                  + f" | {kinds_s} | {statistics.median(lat):.1f} | "
                  f"{mmm([r['bot_cpu_ms_per_ping'] for r in rs])} | {mmm([r['rss_kb'] / 1024 for r in rs], '{:.1f}')} |")
    if len(sys.argv) > 3:
        rooms(sys.argv[3])


def rooms(d):
    rows = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(d, "*.json")))]
    if not rows:
        return
    print()
    print("## Memory per joined room (rooms.py: RSS after the first room and after all)")
    print()
    print("| bot | rooms | RSS 1 room MiB | RSS all rooms MiB | MiB per further room |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['rooms']} | {r['rss_one_kib'] / 1024:.1f} | {r['rss_many_kib'] / 1024:.1f} | "
              f"{r['mib_per_room']:.3f} |")


if __name__ == "__main__":
    main()
