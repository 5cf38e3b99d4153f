"""Policies: the default loads and cites its sources; bad policies fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from triage_helpers import make_profile

from bot.triage import (
    DEFAULT_POLICY_PATH,
    ROUTES,
    Policy,
    PolicyError,
    advise,
    current_policy,
    default_policy,
    load_policy,
    parse_policy,
)

DEFAULT_TEXT = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")


def _edit(old: str, new: str, count: int = 1) -> str:
    assert DEFAULT_TEXT.count(old) >= count, f"not in default.yml: {old!r}"
    return DEFAULT_TEXT.replace(old, new, count)


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _error(text: str, file: str = "gemeente.yml") -> PolicyError:
    with pytest.raises(PolicyError) as info:
        parse_policy(text, file)
    return info.value


# --- the default policy ---------------------------------------------------------------------


def test_default_policy_loads(policy: Policy) -> None:
    assert policy.name == "standaard"
    assert policy.version
    assert set(policy.routes) == set(ROUTES)
    assert policy is default_policy()  # cached


def test_every_rule_cites_a_source_and_has_both_texts(policy: Policy) -> None:
    for rule in policy.rules:
        assert rule.source.strip(), rule.id
        assert any(tag in rule.source for tag in ("seed 00", "DOMAIN.md", "AVG")), rule.id
        assert rule.coach.strip() and rule.b1.strip(), rule.id
    for route in policy.routes.values():
        assert route.label and route.b1 and route.coach and route.source


def test_seed_citations_name_a_section_or_heading(policy: Policy) -> None:
    # "seed 001" alone is not enough to find the passage: it needs § or a heading after a comma.
    for rule in policy.rules:
        for part in rule.source.split(";"):
            part = part.strip()
            if part.startswith("seed"):
                assert "§" in part or "," in part, (rule.id, part)


def test_rule_ids_are_unique(policy: Policy) -> None:
    ids = [r.id for r in policy.rules]
    assert len(ids) == len(set(ids))


def test_b1_sentences_are_short_and_use_je(policy: Policy) -> None:
    for rule in policy.rules:
        for sentence in rule.b1.replace("?", ".").split("."):
            assert len(sentence.split()) <= 20, (rule.id, sentence)
        assert " u " not in f" {rule.b1.lower()} ", rule.id  # B1 for the job seeker: "je"


def test_route_texts_for_the_chat(policy: Policy) -> None:
    assert policy.routes["jobcoaching"].label == "Jobcoaching"
    assert "jobcoach" in policy.routes["jobcoaching"].b1
    assert policy.routes["ips"].coach


def test_stage_order_puts_safety_and_ips_first(policy: Policy) -> None:
    stages = [r.stage for r in policy.rules]
    assert stages.index("ips") > max(i for i, s in enumerate(stages) if s == "safety")
    assert stages.index("ips") < stages.index("route")


# --- choosing a policy --------------------------------------------------------------------


def test_load_policy_from_path_changes_the_advice(tmp_path: Path) -> None:
    # A municipality that wants twijfel settled at 5 instead of 6.
    file = tmp_path / "gemeente.yml"
    file.write_text(
        _edit("twijfel_min_motivation: 6", "twijfel_min_motivation: 5").replace(
            "name: standaard", "name: gemeente-test"
        ),
        encoding="utf-8",
    )
    custom = load_policy(file)
    profile = make_profile(
        wants_to_work="twijfel", motivation={"importance": 5, "confidence": 5, "readiness": 5}
    )
    assert advise(profile, default_policy()).route == "niet_klaar"
    advice = advise(profile, custom)
    assert advice.route == "jobcoaching"
    assert advice.to_dict()["policy"] == {"name": "gemeente-test", "version": custom.version}
    assert custom.version == default_policy().version


def test_environment_variable_selects_the_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "gemeente.yml"
    file.write_text(_edit("name: standaard", "name: via-env"), encoding="utf-8")
    monkeypatch.setenv("TRIAGE_POLICY_FILE", str(file))
    assert load_policy().name == "via-env"
    assert current_policy().name == "via-env"
    assert advise({}).policy_name == "via-env"
    monkeypatch.delenv("TRIAGE_POLICY_FILE")
    assert load_policy().name == "standaard"
    assert advise({}).policy_name == "standaard"


def test_edited_policy_file_is_picked_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    file = tmp_path / "gemeente.yml"
    file.write_text(_edit("name: standaard", "name: eerste"), encoding="utf-8")
    monkeypatch.setenv("TRIAGE_POLICY_FILE", str(file))
    assert current_policy().name == "eerste"
    file.write_text(_edit("name: standaard", "name: tweede"), encoding="utf-8")
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert current_policy().name == "tweede"


def test_missing_policy_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(tmp_path / "bestaat-niet.yml")
    assert "bestaat-niet.yml" in str(info.value)
    assert "niet gevonden" in str(info.value)


def test_policy_path_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="map"):
        load_policy(tmp_path)


# --- validation: each error names file, key and line ----------------------------------------


def test_unknown_top_level_field() -> None:
    text = DEFAULT_TEXT + "\nthreshold: 3\n"
    err = _error(text)
    assert err.file == "gemeente.yml"
    assert err.key == "threshold"
    assert err.line == _line_of(text, "threshold: 3")
    assert str(err).startswith(f"gemeente.yml, regel {err.line} (threshold): onbekend veld")


def test_unknown_field_in_a_rule_suggests_the_right_one() -> None:
    text = _edit("    referrals: [schuldhulpverlening]", "    referal: [schuldhulpverlening]")
    err = _error(text)
    ids = [r["id"] for r in yaml.safe_load(DEFAULT_TEXT)["rules"]]
    index = ids.index("doorverwijzing_schulden")
    assert err.key == f"rules[{index}].referal"
    assert err.line == _line_of(text, "referal:")
    assert 'bedoelde je "referrals"' in err.message


def test_unknown_fact_in_a_condition() -> None:
    text = _edit("when: {wants_to_work: nee}", "when: {wil_werken: nee}")
    err = _error(text)
    assert err.key.endswith(".when.wil_werken")
    assert err.line == _line_of(text, "wil_werken")
    assert 'onbekend feit "wil_werken"' in err.message


def test_route_that_does_not_exist() -> None:
    text = _edit("    route: regulier\n", "    route: beschut_werk\n")
    err = _error(text)
    assert err.key.endswith(".route")
    assert err.line == _line_of(text, "route: beschut_werk")
    assert 'route "beschut_werk" bestaat niet' in err.message


def test_fallback_route_that_does_not_exist() -> None:
    err = _error(
        _edit("  route: niet_klaar\n  coach: Geen regel", "  route: werk\n  coach: Geen regel")
    )
    assert err.key == "fallback.route"


@pytest.mark.parametrize(
    ("old", "new", "key_end", "fragment"),
    [
        (
            "{life_domains.financien: {at_most: 3}}",
            "{life_domains.financien: {at_most: 7}}",
            "life_domains.financien.at_most",
            "onmogelijke drempel 7: de schaal loopt van 1 tot 5",
        ),
        (
            "        at_most: 2\n        count_at_least: 2",
            "        at_most: 2\n        count_at_least: 9",
            "domains.count_at_least",
            "onmogelijk aantal 9",
        ),
        (
            "        at_least: 2\n        at_most: 3",
            "        at_least: 4\n        at_most: 3",
            "domains",
            "onmogelijke voorwaarde",
        ),
        (
            "twijfel_min_motivation: 6",
            "twijfel_min_motivation: 11",
            "parameters.twijfel_min_motivation",
            "onmogelijke waarde 11",
        ),
        ("hours_full: 32", "hours_full: 0", "readiness.kunnen.hours_full", "groter dan 0"),
        ("hours_full: 32", "hours_full: 80", "readiness.kunnen.hours_full", "onmogelijke waarde"),
        (
            "weights: {willen: 0.4, kunnen: 0.3, stabiliteit: 0.3}",
            "weights: {willen: -1, kunnen: 0.3, stabiliteit: 0.3}",
            "readiness.weights.willen",
            "onmogelijke waarde",
        ),
        (
            "weights: {willen: 0.4, kunnen: 0.3, stabiliteit: 0.3}",
            "weights: {willen: 0, kunnen: 0, stabiliteit: 0}",
            "readiness.weights",
            "groter dan 0",
        ),
        (
            "domain_points: {1: 0, 2: 25, 3: 50, 4: 75, 5: 100}",
            "domain_points: {1: 0, 2: 25, 3: 80, 4: 75, 5: 100}",
            "readiness.stabiliteit.domain_points",
            "moeten oplopen",
        ),
        (
            "wants_to_work: {ja: 100, twijfel: 50, nee: 0}",
            "wants_to_work: {ja: 40, twijfel: 50, nee: 0}",
            "readiness.willen.wants_to_work",
            "nee ≤ twijfel ≤ ja",
        ),
        (
            "work_experience: [20, 60, 80, 100]",
            "work_experience: [20, 60, 50, 100]",
            "readiness.kunnen.work_experience",
            "moeten oplopen",
        ),
        ("undiscussed: 4", "undiscussed: 6", "readiness.stabiliteit.undiscussed", "1 tot 5"),
        (
            "{crisis_signals: {contains: suicide}}",
            "{crisis_signals: {contains: zelfmoord}}",
            "crisis_signals.contains",
            'onbekende waarde "zelfmoord"',
        ),
        (
            "when: {wants_to_work: nee}",
            "when: {wants_to_work: jaa}",
            "when.wants_to_work",
            'onbekende waarde "jaa"',
        ),
        (
            "when: {wants_to_work: nee}",
            "when: {wants_to_work: {at_least: 3}}",
            "when.wants_to_work.at_least",
            "past niet bij feit",
        ),
        (
            "when: {wants_to_work: nee}",
            "when: {route: niet_klaar}",
            "when.route",
            "stage: referral",
        ),
        (
            "{life_domains.financien: {at_most: 3}}",
            "{life_domains.financien: {at_least: 4, at_most: 3}}",
            "life_domains.financien",
            "onmogelijke voorwaarde",
        ),
        (
            "among: [financien, wonen, gezondheid, psychisch, verslaving, thuis, justitie, "
            "dagbesteding]",
            "among: [financien, geld]",
            "domains.among[1]",
            'onbekend leefgebied "geld"',
        ),
        (
            "    assume: false\n    why: >\n      De intake",
            "    assume: misschien\n    why: >\n      De intake",
            "unknowns[3].assume",
            "ja of nee",
        ),
        (
            "  - field: support_needs",
            "  - field: crisis",
            "unknowns[6].field",
            "geen profielveld dat je kunt aannemen",
        ),
        (
            "education: {geen: 20,",
            "education: {mbo5: 20,",
            "readiness.kunnen.education.mbo5",
            'onbekend niveau "mbo5"',
        ),
        (
            '    coach: "Geld en schulden (ZRM {financien})',
            '    coach: "Geld en schulden (ZRM {geld})',
            "coach",
            'onbekende invulplek "{geld}"',
        ),
        ("stage: referral", "stage: doorverwijzing", "stage", 'onbekende stage "doorverwijzing"'),
        ("id: doorverwijzing_wonen", "id: doorverwijzing_schulden", "id", "komt twee keer voor"),
        ("id: doorverwijzing_wonen", "id: Doorverwijzing-Wonen", "id", "ongeldige id"),
        (
            "    source: seed 001 §2.1 (betaald werk binnen zes maanden na aanmelding)",
            "    source: ''",
            "source",
            "niet-lege tekst",
        ),
    ],
)
def test_invalid_values_are_named(old: str, new: str, key_end: str, fragment: str) -> None:
    text = _edit(old, new)
    err = _error(text)
    assert err.key is not None and err.key.endswith(key_end), err
    assert fragment in err.message, err
    assert err.line is not None
    assert str(err).startswith("gemeente.yml, regel ")


def test_missing_route_description() -> None:
    start = DEFAULT_TEXT.index("  regulier:\n")  # the route names are in bot/codes.yml
    end = DEFAULT_TEXT.index("# Parameters")
    err = _error(DEFAULT_TEXT[:start] + DEFAULT_TEXT[end:])
    assert err.key == "routes"
    assert 'de route "regulier" ontbreekt' in err.message


def test_ips_condition_cannot_be_changed() -> None:
    text = _edit(
        "  - id: ips_nul_uitsluiting\n    stage: ips\n",
        "  - id: ips_nul_uitsluiting\n    stage: ips\n    when: {crisis: false}\n",
    )
    err = _error(text)
    assert err.key.endswith(".when")
    assert "nul-uitsluiting" in err.message


def test_ips_rule_is_required() -> None:
    err = _error(
        _edit("    stage: ips\n", "    stage: route\n    route: ips\n    when: {wants: true}\n")
    )
    assert "precies één regel met stage: ips" in err.message


def test_duplicate_yaml_key_is_an_error_not_a_silent_override() -> None:
    text = _edit("name: standaard\n", "name: standaard\nname: tweede\n")
    err = _error(text)
    assert err.line == _line_of(DEFAULT_TEXT, "name: standaard") + 1
    assert "twee keer" in err.message


def test_yaml_syntax_error_names_the_line() -> None:
    text = _edit("    coach: Tijdens de intake", "    coach: [Tijdens de intake")
    err = _error(text)
    assert err.line is not None and err.line >= _line_of(text, "[Tijdens de intake")
    assert "ongeldige YAML" in err.message


def test_unsafe_yaml_tag_is_refused() -> None:
    text = _edit("name: standaard", "name: !!python/object/apply:os.system [echo]")
    err = _error(text)
    assert err.line == _line_of(text, "!!python")
    assert "ongeldige YAML" in err.message


def test_empty_policy() -> None:
    err = _error("")
    assert "verwacht een object" in err.message


def test_a_policy_without_matching_route_rule_uses_the_fallback() -> None:
    data = yaml.safe_load(DEFAULT_TEXT)
    data["rules"] = [r for r in data["rules"] if r["stage"] != "route"]
    custom = parse_policy(yaml.safe_dump(data, allow_unicode=True), "alles-vangnet.yml")
    assert custom.route_rules == ()
    advice = advise(make_profile(can_earn_minimum_wage_alone=None), custom)
    assert advice.route == "niet_klaar"
    assert advice.rules[0][0] == "geen_passende_regel"
    # With no deciding rule every unknown answer matters.
    assert advice.missing == ("can_earn_minimum_wage_alone",)
    # IPS still comes first, fallback or not.
    ips = make_profile(severe_mental_illness=True, in_ggz_treatment=True)
    assert advise(ips, custom).route == "ips"


def test_a_crisis_is_urgent_even_when_a_policy_forgets_the_safety_rules() -> None:
    text = DEFAULT_TEXT.replace("    stage: safety\n", "    stage: referral\n")
    custom = parse_policy(text, "zonder-veiligheid.yml")
    assert custom.safety_rules == ()
    assert advise(make_profile(crisis=True), custom).urgent is True
    assert advise(make_profile(crisis_signals=["violence"]), custom).urgent is True
