"""A job named beside a yes to "Wil je werken?": "ja, ik wil graag in de ouderenzorg werken"."""

from __future__ import annotations

import re

# "ik wil (graag) in de ouderenzorg werken", "hij wil kok worden", "iets met dieren".
_JOB = re.compile(
    r"\b(?:wil|wilt|zou|wou)\b(?:\s+(?:heel|erg|graag|het\s+liefst|liefst|wel|ook|gaan|later|"
    r"betaald|werken))*\s+(?P<job>(?:als|in|bij|iets\s+met|werk\s+met|werken\s+(?:als|in|bij|met))"
    r"\s+[^.!?,]+?|[a-z\-]+\s+worden)\s*(?:[.!?,]|\s+(?:want|omdat|en\s+ik|maar)\b|$)",
    re.IGNORECASE,
)
_NOT_A_JOB = re.compile(
    r"^(?:in|bij)\s+(?:de\s+|het\s+)?(?:toekomst|principe|begin|ieder\s+geval|elk\s+geval|deeltijd|"
    r"de\s+gemeente\s+hulp|het\s+weekend|de\s+ochtend|de\s+middag|de\s+buurt|de\s+week)\b"
    r"|^(?:heel|graag|werken|aan\s+het\s+werk)\s+worden$",
    re.IGNORECASE,
)
# "ik wil graag weer aan het werk" in a first message: the person wants to work.
_WANTS_WORK = re.compile(
    r"\b(?:ik|en)\s+(?:wil|zou)\s+(?:heel\s+)?(?:graag\s+)?(?:weer\s+)?(?:gaan\s+)?"
    r"(?:werken|aan\s+het\s+werk|aan\s+de\s+slag|werk\s+(?:vinden|zoeken|hebben)|een\s+baan)",
    re.IGNORECASE,
)


def job_in(text: str) -> str | None:
    """A job named beside a yes to "wil je werken?" ("ik wil graag in een magazijn werken")."""
    found = _JOB.search(text)
    if not found:
        return None
    job = found["job"].strip(" ,")
    if _NOT_A_JOB.search(job) or len(job.split()) < 2:
        return None
    return re.sub(r"^als\s+|\s+worden$", "", job, flags=re.IGNORECASE)


def says_wants_work(text: str) -> bool:
    """ "Ik wil graag werken", "en zou weer aan de slag willen": said plainly, in so many words."""
    return bool(_WANTS_WORK.search(text))
