"""Times the Dutch parsers in bot/nlp over a few thousand realistic chat messages.

    .venv/bin/python bench/bench_nlp.py [--messages 3000] [--seed 7]

Prints CPU time (a busy machine distorts it less than wall-clock time): per parser, the mean
per message with empty per-message caches (the cost for the first parser that sees a message);
then every parser on each message in turn, as the chat's form code does (mean and p95); then
one very long message.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.nlp import parse  # noqa: E402

ANSWERS = [
    "ja",
    "ja hoor",
    "jazeker",
    "nee",
    "nee hoor",
    "misschien",
    "weet ik niet",
    "geen idee",
    "👍",
    "tuurlijk",
    "ik twijfel nog",
    "sla over",
    "?",
    "een 7",
    "8/10",
    "heel belangrijk",
    "24 uur",
    "twintig uur",
    "fulltime",
    "parttime",
    "3 dagen",
    "halve dagen",
    "4 uur per dag",
    "ik ben 19",
    "negentien",
    "bijna 18",
    "geboren in 2006",
    "12-03-2007",
    "zsm",
    "meteen",
    "na de zomer",
    "over 2 maanden",
    "in januari",
    "als ik klaar ben met school",
    "praktijkonderwijs",
    "mbo 2",
    "vmbo kader",
    "geen diploma",
    "bijstand",
    "wajong",
    "uitkering van de gemeente",
    "geen uitkering",
    "ww",
    "geld verdienen en gezellige collega's",
    "nieuwe dingen leren",
    "niet thuis zitten",
    "hulp bij mijn cv",
    "iemand die meegaat",
    "een rustige plek",
    "koken, schoonmaken en met kinderen werken",
    "gaat goed",
    "soms kom ik te laat",
    "ik ben stagebegeleider",
    "ik zelf",
    "VSO",
    "arbeidsmarkt",
    "ik heb schulden",
    "de deurwaarder komt",
    "ik slaap bij vrienden op de bank",
    "alles goed",
    "ik blow elke dag",
    "lukt meestal zelf",
]
OPENERS = ["", "uhm ", "nou ", "eh ", "Ik denk ", "Tja ", "Nou, ", "Oke "]
TAILS = [
    "",
    ".",
    "!",
    " hoor",
    " denk ik",
    " want ik wil graag werken",
    " maar ik weet het niet zeker",
    " en ik wil kok worden",
    ", ik woon in Utrecht",
    " 😊",
    " lol",
    " ofzo",
    " want ik zit al een jaar thuis en dat is niet leuk",
    " en ik heb 2 kinderen",
]
LONG = (
    "Ik ben Fatima en ik woon sinds drie jaar in Nederland. Ik heb in Syrië op school gezeten "
    "en hier heb ik de inburgering gedaan. Ik wil graag in de zorg werken, het liefst met "
    "ouderen, want ik heb voor mijn oma gezorgd. Ik kan ongeveer 24 uur per week werken omdat "
    "mijn kinderen naar school gaan. Ik heb een uitkering van de gemeente."
)


def make_messages(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        if i % 50 == 0:
            out.append(LONG + f" ({i})")
            continue
        text = rng.choice(OPENERS) + rng.choice(ANSWERS) + rng.choice(TAILS)
        if rng.random() < 0.1:  # shouting and "y" for "ij", as people type
            text = text.replace("ij", "y").upper()
        out.append(f"{text} #{i}")  # unique, so no cache hides the cost
    return out


def parsers() -> list[Callable[[str], Any]]:
    return [
        parse.guard_input,
        parse.detect_crisis,
        parse.detect_language,
        parse.is_dont_know,
        parse.is_skip,
        parse.parse_yes_no,
        parse.parse_number,
        parse.parse_ruler,
        parse.parse_hours,
        parse.parse_age,
        parse.parse_start_moment,
        parse.parse_education,
        parse.parse_benefit,
        parse.parse_work_values,
        parse.parse_support_needs,
        parse.split_list,
        parse.parse_employee_skills,
        parse.parse_respondent,
        parse.parse_school_type,
        parse.parse_uitstroomprofiel,
        parse.detect_life_domains,
        parse.says_all_fine,
        parse.parse_domain_scale,
        parse.extract_other_answers,
    ]


def timed(func: Callable[[str], Any], messages: list[str]) -> float:
    """Seconds for ``func`` over all messages, starting with empty per-message caches."""
    parse.clear_message_caches()
    start = time.process_time()
    for message in messages:
        func(message)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs (less noise)")
    args = ap.parse_args(argv)

    start = time.process_time()
    parse.warm_up()
    print(f"warm-up (load lexicons, build matchers): {(time.process_time() - start) * 1e3:.0f} ms")
    messages = make_messages(args.messages, args.seed)
    mean_len = statistics.mean(map(len, messages))
    print(f"{len(messages)} messages, mean length {mean_len:.0f} characters\n")

    print(f"{'parser':28s} {'µs/message':>11s}  (alone, empty caches, best of {args.repeat})")
    for func in parsers():
        best = min(timed(func, messages) for _ in range(args.repeat))
        print(f"{func.__name__:28s} {best / len(messages) * 1e6:11.1f}")

    def all_parsers(message: str) -> None:
        for func in parsers():
            func(message)

    runs = []
    for _ in range(args.repeat):
        parse.clear_message_caches()
        per_message = []
        for message in messages:
            start = time.process_time()
            all_parsers(message)
            per_message.append(time.process_time() - start)
        runs.append(per_message)
    best_run = min(runs, key=sum)
    n = len(parsers())
    mean = statistics.mean(best_run) * 1e6
    p95 = sorted(best_run)[int(len(best_run) * 0.95)] * 1e6
    print(
        f"\nall {n} parsers on each message (as the form code does): mean {mean:.0f} µs/message "
        f"= {mean / n:.1f} µs per parser call; p95 {p95:.0f} µs/message"
    )

    big = "ik wil graag werken en " * 500
    parse.clear_message_caches()
    start = time.process_time()
    all_parsers(big)
    print(
        f"all parsers on one {len(big)}-character message: "
        f"{(time.process_time() - start) * 1e3:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
