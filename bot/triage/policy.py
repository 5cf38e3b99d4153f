"""Policies: one YAML file each, validated when loaded.

A policy holds the route descriptions, the rules (each with an id, a coach sentence, a B1
sentence for the job seeker and its source), the assumptions for unknown answers and the
readiness weights. The schema is documented in ``docs/triage.md``; ``policies/default.yml``
is built from DOMAIN.md and the seed reports.

What a policy can *not* change, because it protects people (issue 3, point 3):

* a crisis signal always makes the advice urgent (the engine guarantees it; the policy only
  words it and adds referrals);
* the IPS zero-exclusion rule has a fixed condition and is checked before every other route
  rule; a policy words it and cites it, but cannot narrow it;
* someone with EPA in the care of a GGZ team who doubts about work and is not routed to IPS
  always gets a stated reason why not (``notices.ips_twijfel``);
* with a crisis the safety reasons come first.

Reason texts (``coach`` and ``b1``) are a text or a list of parts; a part may carry its own
``when`` and is only said when that holds on the answers the person *gave* (never on the
assumptions for unknown answers), so a reason never states what the person did not say.

Every error names the file, the key path and, where known, the line:
``gemeente.yml, regel 42 (rules[3].when.wants_to_work): onbekende waarde "jaa"; ...``.
"""

from __future__ import annotations

import difflib
import functools
import os
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.profile import (
    EDUCATION_LEVELS,
    EMPLOYEE_SKILLS,
    LIFE_DOMAINS,
    PROFILE_FIELDS,
    RULERS,
    WANTS_TO_WORK,
    ProfileError,
    validate_profile,
)

from .conditions import ConditionError, DomainSpec, Test, compile_condition
from .facts import DOMAINS_KEY, FACT_SPECS, ROUTES, FactParams, ips_condition
from .score import ReadinessConfig
from .yaml_lines import YamlProblem, format_path, line_of, load_with_lines

ENV_VAR = "TRIAGE_POLICY_FILE"
DEFAULT_POLICY_PATH = Path(__file__).with_name("policies") / "default.yml"

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
_NOT_ASSUMABLE = frozenset({"life_domains", "unknown", "crisis", "crisis_signals"})

_TOP_KEYS = {
    "name": True,
    "version": True,
    "description": False,
    "routes": True,
    "parameters": True,
    "unknowns": True,
    "readiness": True,
    "rules": True,
    "fallback": True,
    "notices": True,
    "warnings": False,
}


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


# --- loading -----------------------------------------------------------------------------


def load_policy(path: str | os.PathLike[str] | None = None) -> Policy:
    """Load and validate a policy file.

    ``None`` means: the file named by the environment variable ``TRIAGE_POLICY_FILE``, or the
    packaged default policy when that is not set.
    """
    if path is None:
        path = os.environ.get(ENV_VAR) or DEFAULT_POLICY_PATH
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyError(str(file), None, None, "beleidsbestand niet gevonden") from None
    except IsADirectoryError:
        raise PolicyError(str(file), None, None, "dit is een map, geen beleidsbestand") from None
    except UnicodeDecodeError:
        raise PolicyError(str(file), None, None, "het bestand is geen UTF-8-tekst") from None
    except OSError as exc:
        raise PolicyError(
            str(file), None, None, f"kan het bestand niet lezen: {exc.strerror}"
        ) from None
    return parse_policy(text, str(file))


@functools.lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The packaged default policy (built from DOMAIN.md), loaded once."""
    return load_policy(DEFAULT_POLICY_PATH)


_current: dict[str, Any] = {}


def current_policy() -> Policy:
    """The policy ``advise`` uses when none is passed: ``TRIAGE_POLICY_FILE`` or the default.

    Reloaded when the variable or the file's modification time changes, so a municipality
    that edits its policy does not have to restart the chat.
    """
    configured = os.environ.get(ENV_VAR)
    if not configured:
        return default_policy()
    try:
        stamp = os.stat(configured).st_mtime_ns
    except OSError:
        stamp = None  # load_policy reports the missing file
    key = (configured, stamp)
    if _current.get("key") != key:
        _current["policy"] = load_policy(configured)
        _current["key"] = key
    return _current["policy"]


def parse_policy(text: str, file: str = "<beleid>") -> Policy:
    """Validate policy YAML ``text``; ``file`` is only used in error messages."""
    try:
        data, lines = load_with_lines(text)
    except YamlProblem as exc:
        raise PolicyError(file, format_path(exc.path) or None, exc.line, exc.message) from None
    return _Reader(file, lines).policy(data)


# --- validation ---------------------------------------------------------------------------


class _Reader:
    def __init__(self, file: str, lines: dict[tuple[Any, ...], int]):
        self.file = file
        self.lines = lines
        self.ids: dict[str, tuple[Any, ...]] = {}

    def fail(self, path: tuple[Any, ...], message: str) -> PolicyError:
        return PolicyError(self.file, format_path(path) or None, line_of(self.lines, path), message)

    # generic shapes

    def mapping(self, node: Any, path: tuple[Any, ...], keys: dict[Any, bool]) -> dict[Any, Any]:
        """``keys`` maps each allowed key to whether it is required."""
        names = [_yaml_key(key) for key in keys]
        if not isinstance(node, dict):
            raise self.fail(path, f"verwacht een object met: {', '.join(names)}")
        for key in node:
            if key not in keys:
                close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
                hint = (
                    f' (bedoelde je "{close[0]}"?)'
                    if close
                    else f"; toegestaan: {', '.join(names)}"
                )
                raise self.fail((*path, key), f'onbekend veld "{key}"{hint}')
        for key, required in keys.items():
            if required and key not in node:
                raise self.fail(path, f'verplicht veld "{_yaml_key(key)}" ontbreekt')
        return node

    def text(self, node: Any, path: tuple[Any, ...]) -> str:
        if not isinstance(node, str) or not node.strip():
            raise self.fail(path, "verwacht een niet-lege tekst")
        return " ".join(node.split())

    def parts(self, node: Any, path: tuple[Any, ...]) -> tuple[tuple[Part, ...], bool]:
        """A reason text: one text, or a list of parts (``text`` with an optional ``when``)."""
        if not isinstance(node, list):
            text, templated = self.template(node, path)
            return (Part(text),), templated
        if not node:
            raise self.fail(path, "verwacht een tekst of een niet-lege lijst van delen")
        parts: list[Part] = []
        templated = False
        for i, item in enumerate(node):
            sub = (*path, i)
            if isinstance(item, dict):
                entry = self.mapping(item, sub, {"text": True, "when": False})
                text, t = self.template(entry["text"], (*sub, "text"))
                test = None
                if "when" in entry:
                    try:
                        test = compile_condition(
                            entry["when"], (*sub, "when"), allow_route=False
                        ).test
                    except ConditionError as exc:
                        raise self.fail(exc.path, exc.message) from None
                parts.append(Part(text, test))
            else:
                text, t = self.template(item, sub)
                parts.append(Part(text))
            templated = templated or t
        if all(p.test is not None for p in parts):
            # Otherwise a reason could come out empty.
            raise self.fail(path, "minstens één deel moet zonder when zijn")
        return tuple(parts), templated

    def template(self, node: Any, path: tuple[Any, ...]) -> tuple[str, bool]:
        text = self.text(node, path)
        try:
            names = [f for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            raise self.fail(path, f"ongeldige {{...}} in de tekst: {exc}") from None
        for name in names:
            if name not in TEMPLATE_VARS:
                raise self.fail(
                    path,
                    f'onbekende invulplek "{{{name}}}"; toegestaan: '
                    + ", ".join("{" + v + "}" for v in sorted(TEMPLATE_VARS)),
                )
        return text, bool(names)

    def number(self, node: Any, path: tuple[Any, ...], low: float, high: float) -> float:
        if isinstance(node, bool) or not isinstance(node, (int, float)):
            raise self.fail(path, f"verwacht een getal, niet {node!r}")
        if not low <= node <= high:
            raise self.fail(path, f"onmogelijke waarde {node}: kies van {low:g} tot {high:g}")
        return float(node)

    def text_list(
        self, node: Any, path: tuple[Any, ...], allowed: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        if not isinstance(node, list) or not node:
            raise self.fail(path, "verwacht een niet-lege lijst")
        out = []
        for i, item in enumerate(node):
            value = self.text(item, (*path, i))
            if allowed and value not in allowed:
                raise self.fail(
                    (*path, i), f'onbekende waarde "{value}"; kies uit: {", ".join(allowed)}'
                )
            out.append(value)
        return tuple(out)

    # the policy

    def policy(self, data: Any) -> Policy:
        top = self.mapping(data, (), _TOP_KEYS)
        version = top["version"]
        if isinstance(version, bool) or not isinstance(version, (str, int, float)):
            raise self.fail(("version",), 'verwacht een versie, bijvoorbeeld "2024.1"')
        params = self.parameters(top["parameters"], ("parameters",))
        routes = self.routes(top["routes"], ("routes",))
        rules = top["rules"]
        if not isinstance(rules, list) or not rules:
            raise self.fail(("rules",), "verwacht een niet-lege lijst van regels")
        parsed = [self.rule(node, ("rules", i)) for i, node in enumerate(rules)]
        ips = [r for r in parsed if r.stage == "ips"]
        if len(ips) != 1:
            raise self.fail(
                ("rules",),
                f"er moet precies één regel met stage: ips zijn (nul-uitsluiting), niet {len(ips)}",
            )
        fallback = self.special(top["fallback"], ("fallback",), "fallback")
        notices = self.mapping(
            top["notices"], ("notices",), {"missing": True, "ips_twijfel": False, "crisis": False}
        )
        missing = self.special(notices["missing"], ("notices", "missing"), "notice")
        extra = {
            key: self.special(notices[key], ("notices", key), "notice")
            if key in notices
            else _BUILT_IN_NOTICES[key]
            for key in ("ips_twijfel", "crisis")
        }
        warnings = self.warnings(top.get("warnings", []), ("warnings",))
        route_rules = tuple(r for r in parsed if r.stage == "route")
        deciders = (ips[0], *route_rules)
        decider_facts = sorted(IPS_FACTS.union(*(r.reads for r in deciders)) - {DOMAINS_KEY})
        return Policy(
            name=self.text(top["name"], ("name",)),
            version=str(version),
            description=" ".join(str(top.get("description") or "").split()),
            path=self.file,
            routes=routes,
            params=params,
            unknowns=self.unknowns(top["unknowns"], ("unknowns",)),
            readiness=self.readiness(top["readiness"], ("readiness",)),
            safety_rules=tuple(r for r in parsed if r.stage == "safety"),
            ips_rule=ips[0],
            route_rules=route_rules,
            referral_rules=tuple(r for r in parsed if r.stage == "referral"),
            fallback=fallback,
            missing_notice=missing,
            ips_twijfel_notice=extra["ips_twijfel"],
            crisis_notice=extra["crisis"],
            warnings=warnings,
            decider_facts=tuple(decider_facts),
            decider_domain_tests=tuple(spec[3] for r in deciders for spec in r.domain_specs),
        )

    def warnings(self, node: Any, path: tuple[Any, ...]) -> tuple[Rule, ...]:
        """Coach-facing warnings: contradictory or doubtful answers, tested on what was said."""
        if not isinstance(node, list):
            raise self.fail(path, "verwacht een lijst van waarschuwingen (id, when, coach, source)")
        out = []
        for i, item in enumerate(node):
            sub = (*path, i)
            w = self.mapping(item, sub, {"id": True, "when": True, "coach": True, "source": True})
            try:
                compiled = compile_condition(w["when"], (*sub, "when"), allow_route=False)
            except ConditionError as exc:
                raise self.fail(exc.path, exc.message) from None
            parts, templated = self.parts(w["coach"], (*sub, "coach"))
            out.append(
                Rule(
                    id=self.rule_id(w["id"], (*sub, "id")),
                    stage="warning",
                    route=None,
                    coach=" ".join(p.text for p in parts),
                    b1="",
                    source=self.text(w["source"], (*sub, "source")),
                    referrals=(),
                    urgent=False,
                    test=compiled.test,
                    fields=_profile_fields(compiled.facts),
                    templated=templated,
                    coach_parts=parts,
                )
            )
        return tuple(out)

    def routes(self, node: Any, path: tuple[Any, ...]) -> dict[str, RouteInfo]:
        if not isinstance(node, dict):
            raise self.fail(path, "verwacht een object met de routes " + ", ".join(ROUTES))
        for key in node:
            if key not in ROUTES:
                raise self.fail(
                    (*path, key), f'route "{key}" bestaat niet; kies uit: {", ".join(ROUTES)}'
                )
        out = {}
        for key in ROUTES:
            if key not in node:
                raise self.fail(path, f'de route "{key}" ontbreekt')
            sub = (*path, key)
            entry = self.mapping(
                node[key],
                sub,
                {"label": True, "label_b1": False, "b1": True, "coach": True, "source": True},
            )
            out[key] = RouteInfo(
                key,
                self.text(entry["label"], (*sub, "label")),
                self.text(entry["b1"], (*sub, "b1")),
                self.text(entry["coach"], (*sub, "coach")),
                self.text(entry["source"], (*sub, "source")),
                self.text(entry["label_b1"], (*sub, "label_b1")) if "label_b1" in entry else "",
            )
        return out

    def parameters(self, node: Any, path: tuple[Any, ...]) -> FactParams:
        keys = {
            "twijfel_rulers": True,
            "twijfel_min_motivation": True,
            "keep_support_keywords": True,
            "keep_support_employee_skills": True,
            "school_end_months": False,
            "school_end_age": False,
        }
        p = self.mapping(node, path, keys)
        school = {
            key: self.number(p[key], (*path, key), low, high)
            for key, (low, high) in (("school_end_months", (0, 120)), ("school_end_age", (12, 30)))
            if key in p
        }
        return FactParams(
            **school,
            twijfel_rulers=self.text_list(p["twijfel_rulers"], (*path, "twijfel_rulers"), RULERS),
            twijfel_min_motivation=self.number(
                p["twijfel_min_motivation"], (*path, "twijfel_min_motivation"), 0, 10
            ),
            keep_support_keywords=tuple(
                w.lower()
                for w in self.text_list(
                    p["keep_support_keywords"], (*path, "keep_support_keywords")
                )
            ),
            keep_support_employee_skills=self.text_list(
                p["keep_support_employee_skills"],
                (*path, "keep_support_employee_skills"),
                EMPLOYEE_SKILLS,
            ),
        )

    def rule(self, node: Any, path: tuple[Any, ...]) -> Rule:
        keys = {
            "id": True,
            "stage": True,
            "route": False,
            "when": False,
            "coach": True,
            "b1": True,
            "source": True,
            "referrals": False,
            "urgent": False,
        }
        r = self.mapping(node, path, keys)
        rule_id = self.rule_id(r["id"], (*path, "id"))
        stage = r["stage"]
        if stage not in STAGES:
            raise self.fail(
                (*path, "stage"), f'onbekende stage "{stage}"; kies uit: {", ".join(STAGES)}'
            )
        route = None
        if stage == "route":
            if "route" not in r:
                raise self.fail(path, 'een regel met stage: route heeft een "route" nodig')
            route = self.route_name(r["route"], (*path, "route"))
        elif "route" in r:
            raise self.fail(
                (*path, "route"), f'"route" hoort alleen bij stage: route, niet bij {stage}'
            )
        if "urgent" in r and stage != "safety":
            raise self.fail((*path, "urgent"), '"urgent" hoort alleen bij stage: safety')
        urgent = r.get("urgent", stage == "safety")
        if not isinstance(urgent, bool):
            raise self.fail((*path, "urgent"), "verwacht true of false")
        test: Test | None = None
        fields: frozenset[str] = frozenset()
        specs: tuple[DomainSpec, ...] = ()
        reads: frozenset[str] = IPS_FACTS
        if stage == "ips":
            if "when" in r:
                raise self.fail(
                    (*path, "when"),
                    "de voorwaarde van IPS ligt vast (wil werken + EPA + ggz-behandeling, "
                    "nul-uitsluiting) en kan niet in het beleid worden aangepast",
                )
            fields = IPS_FIELDS
            test = ips_condition
        else:
            if "when" not in r:
                raise self.fail(path, 'verplicht veld "when" ontbreekt')
            try:
                compiled = compile_condition(
                    r["when"], (*path, "when"), allow_route=stage == "referral"
                )
            except ConditionError as exc:
                raise self.fail(exc.path, exc.message) from None
            test = compiled.test
            fields = _profile_fields(compiled.facts)
            specs = tuple(compiled.domains)
            reads = frozenset(compiled.facts)
        referrals: tuple[str, ...] = ()
        if "referrals" in r:
            referrals = self.text_list(r["referrals"], (*path, "referrals"))
        elif stage == "referral":
            raise self.fail(path, 'een regel met stage: referral heeft "referrals" nodig')
        coach, coach_t = self.parts(r["coach"], (*path, "coach"))
        b1, b1_t = self.parts(r["b1"], (*path, "b1"))
        return Rule(
            id=rule_id,
            stage=stage,
            route=route,
            coach=" ".join(p.text for p in coach),
            b1=" ".join(p.text for p in b1),
            source=self.text(r["source"], (*path, "source")),
            referrals=referrals,
            urgent=urgent,
            test=test,
            fields=fields,
            templated=coach_t or b1_t,
            coach_parts=coach,
            b1_parts=b1,
            domain_specs=specs,
            reads=reads,
        )

    def special(self, node: Any, path: tuple[Any, ...], stage: str) -> Rule:
        keys = {"id": True, "coach": True, "b1": True, "source": True}
        if stage == "fallback":
            keys["route"] = True
        else:
            keys["referrals"] = False
        r = self.mapping(node, path, keys)
        coach, coach_t = self.parts(r["coach"], (*path, "coach"))
        b1, b1_t = self.parts(r["b1"], (*path, "b1"))
        referrals: tuple[str, ...] = ()
        if "referrals" in r:
            referrals = self.text_list(r["referrals"], (*path, "referrals"))
        return Rule(
            id=self.rule_id(r["id"], (*path, "id")),
            stage=stage,
            route=self.route_name(r["route"], (*path, "route")) if stage == "fallback" else None,
            coach=" ".join(p.text for p in coach),
            b1=" ".join(p.text for p in b1),
            source=self.text(r["source"], (*path, "source")),
            referrals=referrals,
            urgent=False,
            test=None,
            fields=frozenset(),
            templated=coach_t or b1_t,
            coach_parts=coach,
            b1_parts=b1,
        )

    def rule_id(self, node: Any, path: tuple[Any, ...]) -> str:
        rule_id = self.text(node, path)
        if (
            not rule_id.replace("_", "").isalnum()
            or not rule_id[0].isalpha()
            or rule_id != rule_id.lower()
        ):
            raise self.fail(path, f'ongeldige id "{rule_id}": gebruik kleine letters, cijfers en _')
        if rule_id in self.ids:
            other = line_of(self.lines, self.ids[rule_id])
            raise self.fail(path, f'id "{rule_id}" komt twee keer voor (ook op regel {other})')
        self.ids[rule_id] = path
        return rule_id

    def route_name(self, node: Any, path: tuple[Any, ...]) -> str:
        if node not in ROUTES:
            raise self.fail(path, f'route "{node}" bestaat niet; kies uit: {", ".join(ROUTES)}')
        return node

    def unknowns(self, node: Any, path: tuple[Any, ...]) -> tuple[UnknownField, ...]:
        if not isinstance(node, list):
            raise self.fail(path, "verwacht een lijst van velden (field, assume, alternatives)")
        out: list[UnknownField] = []
        seen: set[str] = set()
        for i, item in enumerate(node):
            sub = (*path, i)
            u = self.mapping(
                item, sub, {"field": True, "assume": True, "why": True, "alternatives": True}
            )
            field = u["field"]
            if field not in PROFILE_FIELDS or field in _NOT_ASSUMABLE:
                raise self.fail(
                    (*sub, "field"), f'"{field}" is geen profielveld dat je kunt aannemen'
                )
            if field in seen:
                raise self.fail((*sub, "field"), f'"{field}" staat er twee keer')
            seen.add(field)
            assume = self.profile_value(field, u["assume"], (*sub, "assume"))
            alts_node = u["alternatives"]
            if not isinstance(alts_node, list) or not alts_node:
                raise self.fail((*sub, "alternatives"), "verwacht een niet-lege lijst")
            alts = []
            for j, alt in enumerate(alts_node):
                asub = (*sub, "alternatives", j)
                a = self.mapping(alt, asub, {"value": True, "als": True})
                value = self.profile_value(field, a["value"], (*asub, "value"))
                if value == assume:
                    raise self.fail((*asub, "value"), "een alternatief moet verschillen van assume")
                alts.append(Alternative(value, self.text(a["als"], (*asub, "als"))))
            out.append(UnknownField(field, assume, self.text(u["why"], (*sub, "why")), tuple(alts)))
        return tuple(out)

    def profile_value(self, field: str, value: Any, path: tuple[Any, ...]) -> Any:
        try:
            normalised = validate_profile({field: value})[field]
        except ProfileError as exc:
            raise self.fail(path, str(exc)) from None
        if normalised is None:
            raise self.fail(path, "verwacht een bekende waarde, niet leeg")
        return normalised

    def readiness(self, node: Any, path: tuple[Any, ...]) -> ReadinessConfig:
        r = self.mapping(
            node,
            path,
            {"neutral": True, "weights": True, "willen": True, "kunnen": True, "stabiliteit": True},
        )
        w = self.mapping(r["willen"], (*path, "willen"), {"weights": True, "wants_to_work": True})
        k = self.mapping(
            r["kunnen"],
            (*path, "kunnen"),
            {
                "weights": True,
                "education": True,
                "work_experience": True,
                "skills": True,
                "hours_full": True,
                "employee_skills": True,
                "can_start_within_6_months": True,
            },
        )
        s = self.mapping(
            r["stabiliteit"],
            (*path, "stabiliteit"),
            {"weights": True, "domain_points": True, "undiscussed": True},
        )
        wants = self.points(w["wants_to_work"], (*path, "willen", "wants_to_work"), WANTS_TO_WORK)
        if not wants["nee"] <= wants["twijfel"] <= wants["ja"]:
            # Otherwise a firmer "ja" could lower willen (issue 3 invariant).
            raise self.fail(
                (*path, "willen", "wants_to_work"), "punten moeten oplopen: nee ≤ twijfel ≤ ja"
            )
        domain_points = self.points(
            s["domain_points"], (*path, "stabiliteit", "domain_points"), (1, 2, 3, 4, 5)
        )
        if any(domain_points[i] > domain_points[i + 1] for i in range(1, 5)):
            # Otherwise a worse life-domain score could raise stabiliteit (issue 3 invariant).
            raise self.fail(
                (*path, "stabiliteit", "domain_points"), "punten moeten oplopen van score 1 naar 5"
            )
        undiscussed = s["undiscussed"]
        if isinstance(undiscussed, bool) or undiscussed not in (1, 2, 3, 4, 5):
            raise self.fail((*path, "stabiliteit", "undiscussed"), "verwacht een score van 1 tot 5")
        education = k["education"]
        if not isinstance(education, dict):
            raise self.fail((*path, "kunnen", "education"), "verwacht een object niveau: punten")
        for level in education:
            if level not in EDUCATION_LEVELS:
                raise self.fail(
                    (*path, "kunnen", "education", level),
                    f'onbekend niveau "{level}"; kies uit: {", ".join(EDUCATION_LEVELS)}',
                )
        return ReadinessConfig(
            weights=self.weights(
                r["weights"], (*path, "weights"), ("willen", "kunnen", "stabiliteit")
            ),
            neutral=self.number(r["neutral"], (*path, "neutral"), 0, 100),
            willen_weights=self.weights(
                w["weights"],
                (*path, "willen", "weights"),
                ("wants_to_work", "motivation", "droombaan", "work_values"),
            ),
            wants_points=wants,
            kunnen_weights=self.weights(
                k["weights"],
                (*path, "kunnen", "weights"),
                (
                    "education",
                    "work_experience",
                    "skills",
                    "hours_per_week",
                    "employee_skills",
                    "can_start_within_6_months",
                ),
            ),
            education_points={
                level: self.number(v, (*path, "kunnen", "education", level), 0, 100)
                for level, v in education.items()
            },
            experience_points=self.rising(
                k["work_experience"], (*path, "kunnen", "work_experience")
            ),
            skills_points=self.rising(k["skills"], (*path, "kunnen", "skills")),
            hours_full=self.positive_hours(k["hours_full"], (*path, "kunnen", "hours_full")),
            employee_skills_points=self.points(
                k["employee_skills"], (*path, "kunnen", "employee_skills"), EMPLOYEE_SKILLS
            ),
            can_start_points=self.points(
                k["can_start_within_6_months"],
                (*path, "kunnen", "can_start_within_6_months"),
                (True, False),
            ),
            domain_points=domain_points,
            undiscussed_score=undiscussed,
            stabiliteit_weights=self.weights(
                s["weights"], (*path, "stabiliteit", "weights"), ("mean", "min")
            ),
        )

    def weights(self, node: Any, path: tuple[Any, ...], keys: tuple[str, ...]) -> dict[str, float]:
        m = self.mapping(node, path, dict.fromkeys(keys, True))
        out = {key: self.number(m[key], (*path, key), 0, 1000) for key in keys}
        if sum(out.values()) <= 0:
            raise self.fail(path, "minstens één gewicht moet groter dan 0 zijn")
        return out

    def points(self, node: Any, path: tuple[Any, ...], keys: tuple[Any, ...]) -> dict[Any, float]:
        m = self.mapping(node, path, dict.fromkeys(keys, True))
        return {key: self.number(m[key], (*path, key), 0, 100) for key in keys}

    def rising(self, node: Any, path: tuple[Any, ...]) -> tuple[float, ...]:
        if not isinstance(node, list) or not node:
            raise self.fail(path, "verwacht een niet-lege lijst punten (voor 0, 1, 2, ... items)")
        values = tuple(self.number(v, (*path, i), 0, 100) for i, v in enumerate(node))
        if any(a > b for a, b in zip(values, values[1:], strict=False)):
            raise self.fail(path, "punten moeten oplopen: meer ervaring mag nooit lager scoren")
        return values

    def positive_hours(self, node: Any, path: tuple[Any, ...]) -> float:
        hours = self.number(node, path, 0, 60)
        if hours <= 0:
            raise self.fail(
                path,
                "onmogelijke waarde 0: het aantal uur voor de volle score moet groter dan 0 zijn",
            )
        return hours


def _notice(rule_id: str, coach: str, b1: str, source: str) -> Rule:
    return Rule(
        id=rule_id,
        stage="notice",
        route=None,
        coach=coach,
        b1=b1,
        source=source,
        referrals=(),
        urgent=False,
        test=None,
        fields=frozenset(),
        templated=False,
        coach_parts=(Part(coach),),
        b1_parts=(Part(b1),),
    )


# Used when a policy has no wording of its own for these guarantees (the default policy has).
_BUILT_IN_NOTICES = {
    "ips_twijfel": _notice(
        "ips_twijfel_standaard",
        "Heeft een EPA, is in zorg bij een ggz-team en twijfelt over werk: nog geen IPS. "
        "Zodra de persoon wil werken, is IPS mogelijk; bespreek dit met het ggz-team.",
        "Als je wilt werken, kan een IPS-begeleider van je ggz-team je helpen.",
        "seed 004, Individuele Plaatsing en Steun (IPS)",
    ),
    "crisis": _notice(
        "veiligheid_eerst",
        "Tijdens de intake is acuut gevaar gesignaleerd; neem vandaag persoonlijk contact op.",
        "Je vertelde iets dat zorgen geeft. Iemand van de gemeente neemt snel contact met je op.",
        "DOMAIN.md, The routes (Safety comes before routing)",
    ),
}


def _profile_fields(facts: set[str]) -> frozenset[str]:
    fields: set[str] = set()
    for fact in facts:
        if fact == DOMAINS_KEY:
            fields.add("life_domains")
        else:
            fields.update(FACT_SPECS[fact].fields)
    return frozenset(fields)


def _yaml_key(key: Any) -> str:
    """How a key is written in YAML: ``True`` → ``true``."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)
