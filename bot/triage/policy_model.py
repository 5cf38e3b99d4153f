"""What a loaded policy is: ``Policy`` with its routes, rules and notices (frozen dataclasses).

``policy_reader.py`` builds these from a policy file; the engine reads them. ``PolicyError``
names the file, the key path and the line of what is wrong in a policy file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.profile import LIFE_DOMAINS

from .conditions import DomainSpec, Test
from .facts import FactParams
from .score import ReadinessConfig

STAGES = ("safety", "ips", "route", "referral")
# The IPS condition is fixed (zero exclusion, seed 004 "Individuele Plaatsing en Steun"); it
# reads the derived fact ``wants``, so twijfel settled by the rulers counts as for every route.
IPS_FIELDS = frozenset({"wants_to_work", "motivation", "severe_mental_illness", "in_ggz_treatment"})
IPS_FACTS = frozenset({"wants", "severe_mental_illness", "in_ggz_treatment"})

# Placeholders a coach or B1 sentence may use, e.g. "Financiën scoort {financien}."
TEMPLATE_VARS = frozenset(
    {
        *LIFE_DOMAINS,
        "acute_domains",
        "laag_domains",
        "zorg_domains",
        "motivation_mean",
        "twijfel_mean",
        "hours_per_week",
        "age",
        "route_label",
        "missing",
        "missing_b1",
        "assumed",
        "will_rulers",
        "matched_domains",
        "leaving_date",
        "months_to_school_end",
    }
)

# Never assumed: safety signals must come from the person, and undiscussed life domains
# already have a meaning (no problem raised).

class PolicyError(Exception):
    """A policy file that cannot be used; names the file, the key path and the line."""

    def __init__(self, file: str, key: str | None, line: int | None, message: str):
        self.file = file
        self.key = key
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", regel {self.line}"
        if self.key:
            where += f" ({self.key})"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RouteInfo:
    key: str
    label: str  # Dutch name of the route
    b1: str  # what the route means for the job seeker, in one or two B1 sentences
    coach: str  # one sentence for the coach
    source: str
    label_b1: str = ""  # the name for the job seeker when ``label`` is professional jargon

    @property
    def plain_label(self) -> str:
        return self.label_b1 or self.label


@dataclass(frozen=True)
class Part:
    """One part of a reason text: said only when ``test`` holds on the answers given."""

    text: str
    test: Test | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str  # safety | ips | route | referral | fallback | notice | warning
    route: str | None
    coach: str  # every part joined (for reading the policy; the engine says only what holds)
    b1: str
    source: str
    referrals: tuple[str, ...]
    urgent: bool
    test: Test | None
    fields: frozenset[str]  # profile fields the condition reads
    templated: bool  # has {placeholders}
    coach_parts: tuple[Part, ...] = ()
    b1_parts: tuple[Part, ...] = ()
    # The ``domains:`` conditions of ``when``, for the placeholder {matched_domains}.
    domain_specs: tuple[DomainSpec, ...] = ()
    reads: frozenset[str] = frozenset()  # the facts the condition reads


@dataclass(frozen=True)
class Alternative:
    value: Any  # normalised profile value
    als: str  # Dutch clause: "de persoon niet binnen zes maanden kan starten"


@dataclass(frozen=True)
class UnknownField:
    field: str
    assume: Any  # normalised profile value used for routing when the answer is unknown
    why: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Policy:
    name: str
    version: str
    description: str
    path: str
    routes: dict[str, RouteInfo]
    params: FactParams
    unknowns: tuple[UnknownField, ...]
    readiness: ReadinessConfig
    safety_rules: tuple[Rule, ...]
    ips_rule: Rule
    route_rules: tuple[Rule, ...]
    referral_rules: tuple[Rule, ...]
    fallback: Rule
    missing_notice: Rule
    ips_twijfel_notice: Rule
    crisis_notice: Rule
    warnings: tuple[Rule, ...] = ()
    # What the deciders (IPS and route rules) can see: the facts they read, apart from the
    # life domains, and the results of their ``domains:`` tests. The memo's key rests on it.
    decider_facts: tuple[str, ...] = ()
    decider_domain_tests: tuple[Test, ...] = ()
    # What-if analyses by routing key; pure functions of the key, so safe to keep.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # Per set of unknown answers: which facts they change and who reads them (engine._plan).
    plans: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, in the order the engine considers them (warnings apart, and the
        crisis notice, which only speaks when a policy has no safety rule for a crisis)."""
        return (
            *self.safety_rules,
            self.ips_rule,
            *self.route_rules,
            self.fallback,
            *self.referral_rules,
            self.ips_twijfel_notice,
            self.missing_notice,
        )

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

