#!/usr/bin/env python3
"""Benchmark one Matrix bot: start it, ping it N times via driver.py, record CPU/RSS/idle CPU, stop it.

Usage (run with any python3 >= 3.8; driver.py is run with --driver-python):

  python3 bench.py --name nio_floor --user @bot:localhost \
      --cmd "venv-nio/bin/python bots/nio_floor_bot.py http://127.0.0.1:8010 @bot:localhost botpass" \
      --ready-regex READY [--cwd DIR] [--n 100] [--idle 30] [--tag r1]

  # a bot that answers a fixed command with a Matrix reply (driver.py --command), ready when its
  # health check answers 200:
  python3 bench.py --name allianz --user @allianz:localhost --command '!hilfe' \
      --cmd "env ALLIANZ__MATRIX__HOMESERVER={HS} ... /path/allianz-bot" \
      --ready-url http://127.0.0.1:18463/healthz

  # attach to an already running bot instead of starting one (it is NOT stopped):
  python3 bench.py --name mybot --user @bot:localhost --pid 12345

What is recorded (results/NAME[_TAG].json and one summary line on stdout):
  driver output   : end-to-end latency (send-start -> reply seen by alice's /sync),
                    alice send RTT, server-side origin_server_ts delta, join time
  bot_cpu_ms      : CPU time (user+sys, process tree) the bot burnt during the N pings
  synapse_cpu_ms  : CPU time Synapse burnt during the same window
  rss_kb          : `ps -o rss=` of the bot right after the run (+ VmHWM peak, tree sum)
  idle_cpu_pct    : bot CPU over --idle seconds of silence after the run (% of one core)
"""
import argparse
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HZ = os.sysconf("SC_CLK_TCK")


def tree(pid):
    out = [pid]
    try:
        for k in open(f"/proc/{pid}/task/{pid}/children").read().split():
            out += tree(int(k))
    except OSError:
        pass
    return out


def ticks(pids):
    t = 0
    for p in pids:
        try:
            parts = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            t += int(parts[11]) + int(parts[12])
        except OSError:
            pass
    return t


def rss(pid):
    return int(subprocess.check_output(["ps", "-o", "rss=", "-p", str(pid)]).split()[0])


def status_kb(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--user", required=True, help="bot's Matrix user id")
    ap.add_argument("--cmd", help="command that starts the bot (foreground process)")
    ap.add_argument("--cwd", default=HERE)
    ap.add_argument("--pid", type=int, help="attach to an already running bot")
    ap.add_argument("--ready-regex", help="wait for this regex in the bot's output/log")
    ap.add_argument("--ready-file", help="file to watch for --ready-regex (default: bot stdout log)")
    ap.add_argument("--ready-url", help="ready when this URL answers 200 (polled every 50 ms), "
                    "e.g. allianz-bot's /healthz")
    ap.add_argument("--command", help="driver.py --command TEXT (reply matched by m.in_reply_to); "
                    "also given to the proxy")
    ap.add_argument("--ready-delay", type=float, default=1.0, help="extra seconds after ready")
    ap.add_argument("--ready-timeout", type=float, default=60)
    ap.add_argument("--hs", default="http://127.0.0.1:8010")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--idle", type=float, default=30)
    ap.add_argument("--tag", default="")
    ap.add_argument("--driver-python", default=os.path.join(HERE, "venv-nio/bin/python"))
    ap.add_argument("--synapse-pidfile", default=os.path.join(HERE, "synapse/data/homeserver.pid"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"), help="output dir (default results/)")
    ap.add_argument("--keep", action="store_true", help="do not stop the bot at the end")
    ap.add_argument("--proxy-port", type=int, help="run reaction_proxy.py on this port between bot and "
                    "homeserver; '{HS}' in --cmd becomes the proxy URL; adds bot reaction-time stats")
    a = ap.parse_args()

    label = a.name + (f"_{a.tag}" if a.tag else "")
    os.makedirs(a.results, exist_ok=True)
    os.makedirs(os.path.join(a.results, "logs"), exist_ok=True)
    spid = int(open(a.synapse_pidfile).read().strip())

    proc = proxy = None
    bot_hs = a.hs
    if a.proxy_port:
        bot_hs = f"http://127.0.0.1:{a.proxy_port}"
        proxy = subprocess.Popen([a.driver_python, os.path.join(HERE, "reaction_proxy.py"), str(a.proxy_port),
                                  a.hs, "--out", os.path.join(a.results, f"{label}.proxy.json")]
                                 + (["--command", a.command] if a.command else []),
                                 stdout=subprocess.PIPE, text=True, start_new_session=True)
        assert "READY" in proxy.stdout.readline()
    if a.cmd:
        a.cmd = a.cmd.replace("{HS}", bot_hs)
    proc = None
    if a.pid:
        pid = a.pid
    else:
        logpath = os.path.join(a.results, "logs", f"{label}.log")
        logf = open(logpath, "w")
        t_start = time.monotonic()
        proc = subprocess.Popen(shlex.split(a.cmd), cwd=a.cwd, stdin=subprocess.DEVNULL, stdout=logf,
                                stderr=subprocess.STDOUT, start_new_session=True)
        pid = proc.pid
        watch = a.ready_file or logpath
        if a.ready_url:
            import urllib.request
            op = urllib.request.build_opener(urllib.request.ProxyHandler({}))

            def ready():
                try:
                    return op.open(a.ready_url, timeout=1).status == 200
                except OSError:
                    return False
        elif a.ready_regex:
            rx = re.compile(a.ready_regex)

            def ready():
                try:
                    return rx.search(open(watch, errors="replace").read()) is not None
                except FileNotFoundError:
                    return False
        else:
            def ready():
                return True
        deadline = time.monotonic() + a.ready_timeout
        while not ready():
            if proc.poll() is not None:
                sys.exit(f"bot exited early (rc {proc.returncode}); see {logpath}")
            if time.monotonic() > deadline:
                proc.terminate()
                sys.exit(f"bot not ready within {a.ready_timeout}s; see {logpath}")
            time.sleep(0.05)
        startup_s = time.monotonic() - t_start
        time.sleep(a.ready_delay)
    res = {"name": a.name, "tag": a.tag, "pid": pid, "command": a.command or "!ping N",
           "cmd": a.cmd or open(f"/proc/{pid}/cmdline").read().replace("\0", " ").strip(),
           "startup_to_ready_s": None if a.pid else round(startup_s, 3),
           "rss_before_kb": rss(pid)}
    try:
        pids = tree(pid)
        b0, s0, w0 = ticks(pids), ticks([spid]), time.monotonic()
        jpath = os.path.join(a.results, f"{label}.driver.json")
        r = subprocess.run([a.driver_python, os.path.join(HERE, "driver.py"), a.hs, a.user, str(a.n),
                            "--warmup", str(a.warmup), "--json", jpath,
                            "--cpu-pids", f"bot={pid},synapse={spid}"]
                           + (["--command", a.command] if a.command else [])
                           + (["--proxy-reset", f"{bot_hs}/__proxy/reset"] if proxy else []),
                           capture_output=True, text=True)
        wall = time.monotonic() - w0
        pids = tree(pid)
        b1, s1 = ticks(pids), ticks([spid])
        sys.stdout.write(r.stderr + r.stdout)
        sys.stdout.flush()
        if r.returncode not in (0, 1) or not os.path.exists(jpath):
            sys.exit(f"driver failed rc={r.returncode}")
        d = json.load(open(jpath))
        res.update({
            "driver": {k: v for k, v in d.items() if not k.startswith("samples_")},
            "driver_json": jpath,
            "run_wall_s": round(wall, 2),
            # whole driver run (login, room create, join, warmup, pings, /messages):
            "bot_cpu_ms_whole_run": (b1 - b0) * 1000 / HZ,
            "synapse_cpu_ms_whole_run": (s1 - s0) * 1000 / HZ,
            # measured ping loop only (sampled by driver.py):
            "bot_cpu_ms_per_ping": d["cpu_ms_per_ping"]["bot"],
            "synapse_cpu_ms_per_ping": d["cpu_ms_per_ping"]["synapse"],
            "rss_kb": rss(pid),
            "rss_tree_kb": sum(rss(p) for p in pids if os.path.exists(f"/proc/{p}")),
            "hwm_kb": status_kb(pid, "VmHWM"),
            "threads": status_kb(pid, "Threads"),
        })
        if proxy:
            import urllib.request
            op = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            ps = json.load(op.open(f"{bot_hs}/__proxy/stats"))
            res["reaction_ms"] = {k: v for k, v in ps.items() if k != "samples_ms"}
            res["reaction_samples_ms"] = ps["samples_ms"]
        # idle window
        i0, iw0 = ticks(tree(pid)), time.monotonic()
        time.sleep(a.idle)
        iw = time.monotonic() - iw0
        i1 = ticks(tree(pid))
        res.update({"idle_window_s": round(iw, 2), "idle_cpu_ms": (i1 - i0) * 1000 / HZ,
                    "idle_cpu_pct": round(100.0 * (i1 - i0) / HZ / iw, 3),
                    "rss_after_idle_kb": rss(pid)})
    finally:
        if proc and not a.keep:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if proxy:
            proxy.terminate()
            proxy.wait(10)
    with open(os.path.join(a.results, f"{label}.json"), "w") as f:
        json.dump(res, f, indent=1)
    e = res["driver"]["e2e_ms"]
    sd = res["driver"]["server_ts_delta_ms"]
    print(f"{label:24s} e2e median {e['median']:.1f} p95 {e['p95']:.1f} ms | server-delta median "
          f"{sd.get('median', float('nan')):.0f} ms | bot CPU {res['bot_cpu_ms_per_ping']:.2f} ms/ping | "
          f"synapse CPU {res['synapse_cpu_ms_per_ping']:.1f} ms/ping | RSS {res['rss_kb']/1024:.1f} MiB | "
          f"idle CPU {res['idle_cpu_pct']:.3f}% | lost {len(res['driver']['lost'])}"
          + (f" | reaction median {res['reaction_ms'].get('median', float('nan')):.2f} p95 "
             f"{res['reaction_ms'].get('p95', float('nan')):.2f} ms reqs {res['reaction_ms']['requests_by_kind']}"
             if "reaction_ms" in res else ""))


if __name__ == "__main__":
    main()
