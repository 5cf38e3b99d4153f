"""Chat-turn latency and memory of the whole stack (Rasa + action server + web app).

Starts the real product on free ports with a fresh SQLite database (or uses a running one with
--rasa-url), replays complete intakes over the REST channel, and reports per-turn latency
(p50/p95/p99/max) and the resident memory of the three processes.

    .venv/bin/python bench/bench_chat.py --conversations 20
    taskset -c 0,1 .venv/bin/python bench/bench_chat.py     # pin to 2 cores

Targets (DEVELOPERS brief): p95 chat turn <= 80 ms on 2 cores; whole stack <= 1.6 GB.
Results go to bench/out/chat.json (not committed); figures are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.stack import Stack, http  # noqa: E402

# A cooperative person, free text, one debt follow-up: 25 user messages.
SCRIPT = [
    "hoi",
    "ik vul het zelf in",
    "Ik heet Samira",
    "23",
    "ja heel graag",
    "Ik wil graag kok worden in een restaurant",
    "afwassen of in een kantine is ook goed",
    "ik wil mijn eigen geld verdienen en leuke collega's",
    "8",
    "zes",
    "7",
    "praktijkonderwijs",
    "stage in de keuken van een verzorgingshuis",
    "koken en netjes werken",
    "gaat meestal goed",
    "24 uur",
    "zsm",
    "nee ik denk het niet",
    "hulp bij solliciteren",
    "ik heb best veel schulden",
    "het lukt niet zonder hulp",
    "nee",
    "bijstand",
    "0612345678",
    "ja dat klopt",
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        status = Path(f"/proc/{p}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def run(rasa_url: str, conversations: int) -> list[float]:
    timings: list[float] = []
    for _ in range(conversations):
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        for message in SCRIPT:
            start = time.perf_counter()
            status, _ = http(
                "POST", f"{rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message}
            )
            timings.append((time.perf_counter() - start) * 1000)
            assert status == 200, status
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2, help="conversations not counted")
    parser.add_argument("--rasa-url", help="use a running Rasa server instead of starting one")
    args = parser.parse_args()

    stack = None
    rasa_url = args.rasa_url
    if not rasa_url:
        stack = Stack(workdir=Path(tempfile.mkdtemp(prefix="bench-chat-"))).start()
        rasa_url = stack.rasa_url
    try:
        run(rasa_url, args.warmup)
        timings = run(rasa_url, args.conversations)
        memory = {}
        if stack:
            for name, proc in stack.named.items():
                memory[name] = round(rss_mb(proc.pid), 1)
    finally:
        if stack:
            stack.stop()

    result = {
        "turns": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "p99_ms": round(percentile(timings, 99), 1),
        "max_ms": round(max(timings), 1),
        "mean_ms": round(statistics.fmean(timings), 1),
        "rss_mb": memory,
        "rss_total_mb": round(sum(memory.values()), 1) if memory else None,
    }
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "chat.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
