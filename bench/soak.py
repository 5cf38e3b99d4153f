"""Soak: many concurrent intakes against the real stack for a bounded time, with the resident
memory of every process and the error counts sampled every 30 s. Not part of pass/fail.

Starts the product (action server, Rasa server, web app) on free loopback ports with a fresh
SQLite database, and lets ``--users`` virtual people do whole intakes (bench_chat.SCRIPT, 25
messages ending in "ja dat klopt"), each with ``--think`` seconds between messages and a new
sender id for every intake. At the end it reports whether memory levelled off: the growth
over the second half of the run, per process.

    .venv/bin/python bench/soak.py                  # 20 minutes, 20 people
    .venv/bin/python bench/soak.py --minutes 3      # a short look

Results go to bench/out/soak.json (not committed); the figures are in docs/faults.md (Soak)
and docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_chat import SCRIPT, rss_mb  # noqa: E402
from bench.load import Result, drive  # noqa: E402
from tests.e2e.stack import Stack  # noqa: E402

SAMPLE_SECONDS = 30
# Memory "levels off" when the second half of the run adds less than this, per process.
LEVEL_MB = 25.0
LEVEL_SHARE = 0.05


def stored_counts(stack: Stack) -> dict[str, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(stack.env()["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT status, COUNT(*) FROM intakes GROUP BY status"))
            return {status: int(count) for status, count in rows}
    finally:
        engine.dispose()


def outage_turns(stack: Stack) -> int:
    """Turns the person was told "storing" (the channel logs each; the load counts them as
    answered, because they were answered, honestly)."""
    log = stack.workdir / "rasa.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    return text.count("chat turn failed") + text.count("chat turn timed out") + text.count(
        "custom action(s) failed")


def error_lines(stack: Stack) -> dict[str, int]:
    """ERROR and Traceback lines in each process's log."""
    counts = {}
    for log in sorted(stack.workdir.glob("*.log")):
        text = log.read_text(errors="replace")
        counts[log.stem] = text.count(" ERROR ") + text.count("ERROR:") + text.count("Traceback")
    return counts


def levelled(series: list[float]) -> dict[str, float | bool]:
    """Growth over the second half of the samples (MB and share of the level)."""
    half = series[len(series) // 2:]
    growth = half[-1] - half[0] if len(half) > 1 else 0.0
    peak = max(series) if series else 0.0
    return {
        "start_mb": round(series[0], 1) if series else 0.0,
        "half_mb": round(half[0], 1) if half else 0.0,
        "end_mb": round(series[-1], 1) if series else 0.0,
        "peak_mb": round(peak, 1),
        "second_half_growth_mb": round(growth, 1),
        "levels_off": growth < max(LEVEL_MB, LEVEL_SHARE * (half[0] if half else 0.0)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--users", type=int, default=20, help="people chatting at once")
    parser.add_argument("--think", type=float, default=0.5, help="seconds between messages")
    parser.add_argument("--max-cached", type=int, default=None,
                        help="the tracker store's max_cached_conversations (endpoints.yml: "
                             "2000); smaller shows the cache reaching its bound in a short run")
    args = parser.parse_args()
    seconds = max(60.0, args.minutes * 60)

    workdir = Path(tempfile.mkdtemp(prefix="soak-"))
    stack = Stack(workdir=workdir)
    if args.max_cached is not None:
        text = (ROOT / "endpoints.yml").read_text()
        stack.endpoints = workdir / "endpoints.yml"
        stack.endpoints.write_text(text.replace("max_cached_conversations: 2000",
                                                f"max_cached_conversations: {args.max_cached}"))
    stack.start()
    samples: list[dict] = []
    holder: dict[str, Result] = {}
    result = Result(users=args.users, seconds=seconds)

    def load() -> None:
        holder["result"] = drive(f"{stack.rasa_url}/webhooks/rest/webhook", SCRIPT, args.users,
                                 seconds=seconds, warmup=0, think=args.think, prefix="soak",
                                 result=result)

    started = time.monotonic()

    def sample() -> None:
        taken = {
            "t_s": round(time.monotonic() - started),
            "rss_mb": {name: round(rss_mb(p.pid), 1) for name, p in stack.named.items()},
            "turns": len(result.latencies_ms),
            "conversations": result.conversations,
            "errors": result.errors,
        }
        taken["rss_total_mb"] = round(sum(taken["rss_mb"].values()), 1)
        samples.append(taken)
        print(json.dumps(taken), flush=True)

    runner = threading.Thread(target=load, daemon=True)
    try:
        sample()  # before any load: the level the processes start at
        runner.start()
        while runner.is_alive():
            runner.join(timeout=SAMPLE_SECONDS)
            sample()
        summary = holder["result"].summary()
        stored = stored_counts(stack)
        logs = error_lines(stack)
        outages = outage_turns(stack)
    finally:
        stack.stop()

    names = list(samples[0]["rss_mb"]) if samples else []
    memory = {name: levelled([s["rss_mb"][name] for s in samples]) for name in names}
    memory["total"] = levelled([s["rss_total_mb"] for s in samples])
    report = {
        "minutes": round(seconds / 60, 1),
        "users": args.users,
        "think_s": args.think,
        "max_cached_conversations": args.max_cached or 2000,
        "load": summary,
        "stored_intakes": stored,
        "log_error_lines": logs,
        "turns_told_storing": outages,
        "memory": memory,
        "levels_off": all(m["levels_off"] for m in memory.values()),
        "samples": samples,
    }
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "soak.json").write_text(json.dumps(report, indent=2))
    print(json.dumps({k: v for k, v in report.items() if k != "samples"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
