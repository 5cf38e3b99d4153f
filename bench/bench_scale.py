"""Many conversations at once, beside a bare Rasa 3.6 server measured in the same run.

    .venv/bin/python bench/bench_scale.py              # everything, about 20 minutes
    .venv/bin/python bench/bench_scale.py --quick      # shorter levels, for a first look

What it does, in one run on this machine:

1. **Bare Rasa**: ``rasa init`` (the moodbot: DIET, TED, memoization and rules, in-memory
   tracker store) in ``bench/out/bare``; its training time; start to first answer.
2. **Training** of our model from scratch (``rasa train --force``).
3. **One instance** of the product, as ``scripts/run.sh`` starts it (SQLite): start to first
   answer, then whole intakes (25 messages each, free text) at 1, 10, 50 and 100 people at
   once, each person sending the next message as soon as the answer is in (closed loop, no
   think time: the worst case); the bare Rasa server gets 25-message moodbot conversations at
   the same levels. Per level: turn latency p50/p95/p99, turns per second, errors.
4. **The scaled setup**, ``scripts/run.sh --scale 2`` (two Rasa servers behind nginx,
   PostgreSQL, Redis lock): the same levels.
5. **Paced** people, as people chat: a think time between messages (``--think``, 3 s: a fast
   typist) at 50, 100 and 200 at once; turns per second then follow from the number of people.
6. **Cores**: one instance (Rasa server + action server) pinned to core 0 against two
   instances pinned to core 0 and core 1, both on PostgreSQL and Redis, saturated by
   20 people; the throughput ratio.
7. Resident memory of every process; triage of 10,000 profiles (bench/bench_triage.py).

Figures go to ``bench/out/scale.json`` and ``bench/out/scale.md`` (not committed), and the
chart to ``docs/performance-concurrency.svg``; docs/performance.md holds the written-down
figures. Not part of the tests: the machine is shared and the figures vary.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_chat import SCRIPT, rss_mb  # noqa: E402
from bench.load import drive  # noqa: E402
from tests.e2e.stack import PG_ADMIN_URL, free_port  # noqa: E402

OUT = ROOT / "bench" / "out"
VENV = Path(sys.executable).parent
BARE_SCRIPT = ["hello", "I am sad", "yes", "good morning", "I am feeling great", "bye"]
BARE_CONVERSATION = (BARE_SCRIPT * 5)[:25]
LEVELS = (1, 10, 50, 100)
PACED = (50, 100, 200)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def env_base() -> dict[str, str]:
    env = dict(os.environ)
    env.update(TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", TF_NUM_INTRAOP_THREADS="1",
               TF_NUM_INTEROP_THREADS="1", PURGE_INTERVAL_HOURS="0")
    return env


def wait_answer(url: str, seconds: float, message: str = "hoi") -> float:
    """Seconds until ``url`` (a REST webhook) answers a first message."""
    start = time.monotonic()
    body = json.dumps({"sender": f"first-{time.time_ns()}", "message": message}).encode()
    while time.monotonic() - start < seconds:
        try:
            request = urllib.request.Request(url, data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def pg_database(name: str, *, drop: bool = False) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if not drop:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(False)


def levels(url: str | list[str], script: list[str], levels: tuple[int, ...], seconds: float,
           *, need_answer: bool = True, think: float = 0.0) -> list[dict[str, Any]]:
    rows = []
    for users in levels:
        result = drive(url, script, users, seconds=seconds, warmup=min(5.0, seconds / 4),
                       think=think, need_answer=need_answer).summary()
        log(f"  {users:3d} at once: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
            f"{result['turns_per_s']} turns/s, {result['errors']} errors")
        rows.append(result)
    return rows


# -- bare Rasa ---------------------------------------------------------------------------------


def bare_rasa(seconds: float) -> dict[str, Any]:
    bare = OUT / "bare"
    env = env_base()
    if not (bare / "domain.yml").exists():
        log("bare Rasa: rasa init (creates and trains the moodbot)")
        shutil.rmtree(bare, ignore_errors=True)
        bare.mkdir(parents=True)
        subprocess.run([str(VENV / "rasa"), "init", "--no-prompt", "--init-dir", str(bare)],
                       cwd=bare, env=env, check=True, capture_output=True)
    log("bare Rasa: training time (rasa train --force)")
    start = time.monotonic()
    subprocess.run([str(VENV / "rasa"), "train", "--force", "--out", "models",
                    "--fixed-model-name", "bare"], cwd=bare, env=env, check=True,
                   capture_output=True)
    train_s = time.monotonic() - start
    port = free_port()
    logf = (OUT / "bare-rasa.log").open("wb")
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(VENV / "rasa"), "run", "--model", "models/bare.tar.gz", "--port", str(port),
         "--interface", "127.0.0.1"], cwd=bare, env=env, stdout=logf, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        wait_answer(url, 300, "hello")
        first = time.monotonic() - started
        log(f"bare Rasa: first answer after {first:.1f} s; load levels")
        rows = levels(url, BARE_CONVERSATION, LEVELS, seconds, need_answer=False)
        memory = {"rasa": round(rss_mb(proc.pid), 1)}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"train_s": round(train_s, 1), "first_answer_s": round(first, 1), "levels": rows,
            "rss_mb": memory}


# -- the product through scripts/run.sh ------------------------------------------------------


class RunSh:
    """scripts/run.sh --background with its own var directory and ports."""

    def __init__(self, scale: int, extra_env: dict[str, str] | None = None) -> None:
        self.scale = scale
        self.var = Path(tempfile.mkdtemp(prefix=f"bench-run{scale}-"))
        self.ports = {"rasa": free_port(), "web": free_port(), "actions": free_port()}
        self.env = env_base()
        self.env.update(
            INTAKE_VAR_DIR=str(self.var), RASA_PORT=str(self.ports["rasa"]),
            RASA_HOST="127.0.0.1", WEB_PORT=str(self.ports["web"]),
            ACTION_PORT=str(self.ports["actions"]), INTAKE_API_TOKEN="bench",
            SECRET_KEY="bench", **(extra_env or {}),
        )
        self.env.pop("ACTION_SERVER_URL", None)
        if scale == 0:
            self.env.update(DATABASE_URL=f"sqlite:///{self.var / 'intake.sqlite3'}",
                            TRACKER_DATABASE_URL=f"sqlite:///{self.var / 'tracker.sqlite3'}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['rasa']}/webhooks/rest/webhook"

    def start(self) -> float:
        """Start; returns the seconds from the command to the first chat answer."""
        start = time.monotonic()
        args = ["bash", str(ROOT / "scripts" / "run.sh"), "--background"]
        if self.scale:
            args += ["--scale", str(self.scale)]
        out = subprocess.run(args, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(out.stdout[-2000:] + out.stderr[-2000:])
        wait_answer(self.url, 120)
        return time.monotonic() - start

    def memory(self) -> dict[str, float]:
        memory = {}
        for pid_file in sorted((self.var / "run").glob("*.pid")):
            memory[pid_file.stem] = round(rss_mb(int(pid_file.read_text())), 1)
        return memory

    def stop(self) -> None:
        subprocess.run(["bash", str(ROOT / "scripts" / "stop.sh")], cwd=ROOT, env=self.env,
                       capture_output=True)


def product(scale: int, seconds: float, think: float, database: str | None) -> dict[str, Any]:
    extra = {}
    if database:
        url = pg_database(database)
        extra = {"DATABASE_URL": url, "TRACKER_DATABASE_URL": url, "REDIS_LOCK_DB": "6"}
    run = RunSh(scale, extra)
    try:
        log(f"product, {'one instance (SQLite)' if not scale else f'scale {scale}'}: starting")
        first = run.start()
        log(f"  first answer {first:.1f} s after scripts/run.sh; load levels")
        rows = levels(run.url, SCRIPT, LEVELS, seconds)
        log(f"  paced: {think} s think time")
        paced = levels(run.url, SCRIPT, PACED, max(seconds, 3 * think), think=think)
        memory = run.memory()
    finally:
        run.stop()
        if database:
            pg_database(database, drop=True)
    return {"first_answer_s": round(first, 1), "levels": rows, "paced": paced,
            "rss_mb": memory, "rss_total_mb": round(sum(memory.values()), 1)}


# -- cores: one pinned instance against two ---------------------------------------------------


def pinned(instances: int, seconds: float, database: str) -> dict[str, Any]:
    """``instances`` vertical slices (Rasa server + action server), slice i on core i."""
    from tests.e2e.stack import trained_model

    url = pg_database(database)
    var = Path(tempfile.mkdtemp(prefix="bench-pinned-"))
    env = env_base()
    env.update(DATABASE_URL=url, TRACKER_DATABASE_URL=url, REDIS_HOST="127.0.0.1",
               REDIS_PORT="6379", REDIS_LOCK_DB="7", SECRET_KEY="bench",
               ACTION_SERVER_SANIC_WORKERS="1", SANIC_HOST="127.0.0.1")
    subprocess.run([str(VENV / "python"), "-m", "bot", "db-create"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    model = trained_model()
    procs, urls = [], []
    try:
        for core in range(instances):
            action_port, rasa_port = free_port(), free_port()
            slice_env = dict(env, ACTION_SERVER_URL=f"http://127.0.0.1:{action_port}/webhook")
            for name, cmd in (
                ("actions", [str(VENV / "python"), "-m", "rasa_sdk", "--actions", "actions",
                             "--port", str(action_port)]),
                ("rasa", [str(VENV / "rasa"), "run", "--model", str(model), "--endpoints",
                          "endpoints.scale.yml", "--credentials", "credentials.yml",
                          "--port", str(rasa_port), "--interface", "127.0.0.1"]),
            ):
                handle = (var / f"{name}-{core}.log").open("wb")
                procs.append(subprocess.Popen(["taskset", "-c", str(core), *cmd], cwd=ROOT,
                                              env=slice_env, stdout=handle,
                                              stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook")
        for url_ in urls:
            wait_answer(url_, 300)
        result = drive(urls, SCRIPT, 20, seconds=seconds, warmup=5).summary()
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        pg_database(database, drop=True)
    log(f"  {instances} pinned instance(s): {result['turns_per_s']} turns/s, "
        f"p95 {result['p95_ms']} ms, {result['errors']} errors")
    return result


# -- training and triage ------------------------------------------------------------------------


def our_training() -> float:
    out = Path(tempfile.mkdtemp(prefix="bench-train-"))
    start = time.monotonic()
    subprocess.run([str(VENV / "rasa"), "train", "--force", "--config", "config.yml",
                    "--domain", "domain.yml", "--data", "data", "--out", str(out), "--quiet"],
                   cwd=ROOT, env=env_base(), check=True, capture_output=True)
    seconds = time.monotonic() - start
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def triage() -> str:
    out = subprocess.run([str(VENV / "python"), "bench/bench_triage.py"], cwd=ROOT,
                         env=env_base(), capture_output=True, text=True)
    return out.stdout.strip()


# -- report ------------------------------------------------------------------------------------


def ratio(ours: float, bare: float) -> float | None:
    return round(ours / bare, 2) if bare else None


def report(results: dict[str, Any]) -> str:
    bare = {r["users"]: r for r in results["bare"]["levels"]}
    lines = [
        f"# bench_scale, {results['date']}, {results['machine']}",
        "",
        "| setup | people at once | p50 ms | p95 ms | p99 ms | turns/s | errors | p95 / bare |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, key in (("bare Rasa (moodbot)", "bare"), ("one instance", "single"),
                      ("scale 2", "scaled")):
        for row in results[key]["levels"]:
            base = bare.get(row["users"], {})
            lines.append(
                f"| {name} | {row['users']} | {row['p50_ms']} | {row['p95_ms']} | "
                f"{row['p99_ms']} | {row['turns_per_s']} | {row['errors']} | "
                f"{ratio(row['p95_ms'], base.get('p95_ms', 0))} |"
            )
    lines += ["", f"Paced (think time {results['think_s']} s):", "",
              "| setup | people at once | p50 ms | p95 ms | p99 ms | turns/s | errors |",
              "|---|---|---|---|---|---|---|"]
    for name, key in (("one instance", "single"), ("scale 2", "scaled")):
        for row in results[key]["paced"]:
            lines.append(f"| {name} | {row['users']} | {row['p50_ms']} | {row['p95_ms']} | "
                         f"{row['p99_ms']} | {row['turns_per_s']} | {row['errors']} |")
    pin = results["pinned"]
    lines += ["", f"Pinned: one instance on one core {pin['one']['turns_per_s']} turns/s, two on "
              f"two cores {pin['two']['turns_per_s']} turns/s: {pin['ratio']}x", ""]
    lines.append(f"Start to first answer: bare {results['bare']['first_answer_s']} s, ours "
                 f"{results['single']['first_answer_s']} s (scripts/run.sh, model trained), "
                 f"scaled {results['scaled']['first_answer_s']} s")
    lines.append(f"Training: bare {results['bare']['train_s']} s, ours {results['train_s']} s")
    lines.append(f"Memory (MB): bare {results['bare']['rss_mb']}; one instance "
                 f"{results['single']['rss_mb']} = {results['single']['rss_total_mb']}; "
                 f"scaled {results['scaled']['rss_mb']} = {results['scaled']['rss_total_mb']}")
    lines += ["", "Triage:", "", results["triage"]]
    return "\n".join(lines) + "\n"


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "bench"
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for key, label, style in (("bare", "bare Rasa (moodbot)", "k--"),
                              ("single", "one instance", "b-o"), ("scaled", "scale 2", "g-s")):
        rows = results[key]["levels"]
        users = [r["users"] for r in rows]
        axes[0].plot(users, [r["p95_ms"] for r in rows], style, label=label)
        axes[1].plot(users, [r["turns_per_s"] for r in rows], style, label=label)
    axes[0].set(xlabel="people at once (no think time)", ylabel="p95 turn latency (ms)",
                xscale="log", yscale="log", title="Latency")
    axes[1].set(xlabel="people at once (no think time)", ylabel="turns per second",
                xscale="log", title="Throughput")
    axes[0].legend(fontsize=8)
    fig.suptitle(f"2 cores, {results['date']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30, help="per load level")
    parser.add_argument("--think", type=float, default=3.0, help="think time, paced runs")
    parser.add_argument("--quick", action="store_true", help="10 s per level")
    args = parser.parse_args()
    seconds = 10 if args.quick else args.seconds
    OUT.mkdir(parents=True, exist_ok=True)
    tag = f"bench_{os.getpid()}"
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
                   f"Python {platform.python_version()}",
        "seconds_per_level": seconds, "think_s": args.think,
    }
    results["bare"] = bare_rasa(seconds)
    log("our training time")
    results["train_s"] = round(our_training(), 1)
    results["single"] = product(0, seconds, args.think, None)
    results["scaled"] = product(2, seconds, args.think, f"{tag}_scaled")
    log("pinned: one instance on core 0, then two on cores 0 and 1")
    one = pinned(1, seconds, f"{tag}_pin1")
    two = pinned(2, seconds, f"{tag}_pin2")
    results["pinned"] = {"one": one, "two": two,
                         "ratio": round(two["turns_per_s"] / one["turns_per_s"], 2)}
    log("triage")
    results["triage"] = triage()
    (OUT / "scale.json").write_text(json.dumps(results, indent=2))
    text = report(results)
    (OUT / "scale.md").write_text(text)
    chart(results, ROOT / "docs" / "performance-concurrency.svg")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
