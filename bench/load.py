"""A load generator for the chat: many people at once, each doing whole conversations.

Each virtual person sends the messages of a script one after the other to the REST channel,
waits for the answer (and ``think`` seconds), and starts a new conversation (a new sender id)
when the script ends. Latency is measured per turn, from sending to the whole answer.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass, field

import aiohttp


@dataclass
class Result:
    users: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    conversations: int = 0

    def summary(self) -> dict[str, float | int]:
        lat = sorted(self.latencies_ms)
        return {
            "users": self.users,
            "turns": len(lat),
            "conversations": self.conversations,
            "errors": self.errors,
            "seconds": round(self.seconds, 1),
            "turns_per_s": round(len(lat) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(percentile(lat, 50), 1),
            "p95_ms": round(percentile(lat, 95), 1),
            "p99_ms": round(percentile(lat, 99), 1),
            "max_ms": round(lat[-1], 1) if lat else 0.0,
            "mean_ms": round(statistics.fmean(lat), 1) if lat else 0.0,
        }


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def _person(
    session: aiohttp.ClientSession,
    urls: list[str],
    script: list[str],
    result: Result,
    stop_at: float,
    measure_from: float,
    think: float,
    prefix: str,
    need_answer: bool,
) -> None:
    turn = 0
    while time.monotonic() < stop_at:
        sender = f"{prefix}-{uuid.uuid4().hex[:12]}"
        for message in script:
            if time.monotonic() >= stop_at:
                return
            start = time.monotonic()
            url = urls[turn % len(urls)]  # several servers: round robin, no stickiness
            turn += 1
            try:
                async with session.post(url, json={"sender": sender, "message": message}) as r:
                    body = await r.json(content_type=None)
                    answered = isinstance(body, list) and (bool(body) or not need_answer)
                    ok = r.status == 200 and answered
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok = False
            end = time.monotonic()
            if start >= measure_from:
                if ok:
                    result.latencies_ms.append((end - start) * 1000)
                else:
                    result.errors += 1
            if think:
                await asyncio.sleep(think)
        if time.monotonic() >= measure_from:
            result.conversations += 1


async def _drive(
    urls: list[str], script: list[str], users: int, seconds: float, warmup: float, think: float,
    prefix: str, need_answer: bool, result: Result | None = None,
) -> Result:
    result = result or Result(users=users, seconds=seconds)
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        now = time.monotonic()
        measure_from, stop_at = now + warmup, now + warmup + seconds
        await asyncio.gather(*(
            _person(session, urls, script, result, stop_at, measure_from, think, prefix,
                    need_answer)
            for _ in range(users)
        ))
    return result


def drive(
    url: str | list[str], script: list[str], users: int, *, seconds: float = 30,
    warmup: float = 5, think: float = 0.0, prefix: str = "load", need_answer: bool = True,
    result: Result | None = None,
) -> Result:
    """Run ``users`` people against ``url`` (the REST webhook, or several: round robin per
    message) for ``seconds`` after a warmup. A turn counts as failed on an HTTP error, and
    with ``need_answer`` also when the bot said nothing. Pass ``result`` to watch the counts
    while it runs (bench/soak.py samples them from another thread)."""
    urls = [url] if isinstance(url, str) else list(url)
    return asyncio.run(_drive(urls, script, users, seconds, warmup, think, prefix, need_answer,
                              result))
