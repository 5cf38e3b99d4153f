"""Fuzzing the triage CLI (contract §3): whatever the file holds, ``python -m bot triage FILE``
answers with advice (exit 0) or with a clear error naming the field (exit 2), never with a
traceback and never with an internal error (exit 1).

Hypothesis writes JSON files (profiles with every field of contract §2 given values of any
type, nested junk, lists of them, other JSON) and CSV files (known and unknown columns,
cells with quotes, delimiters, line breaks, control characters, odd encodings). The CLI runs
in-process for speed; a few runs go through a real ``python -m bot`` process too.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from triage_helpers import BASES, REPO_ROOT

from bot.cli import main
from bot.profile import LIFE_DOMAINS, PROFILE_FIELDS, RULERS, SCHOOL_FIELDS
from bot.triage.csv_input import COLUMN_ALIASES

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- what the files hold ---------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["ja", "nee", "true", "1", "0", "onbekend", "VSO", "PrO", "bijstand", "",
                     "juli 2026", "2026-07", "12,5", "1e400", "-0", "NaN"]),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)
good = st.sampled_from(sorted(BASES)).map(lambda name: dict(BASES[name]))


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A real profile with some fields replaced, removed or added: any type, any depth."""
    profile = draw(good)
    for name in draw(st.lists(st.sampled_from(PROFILE_FIELDS), max_size=5, unique=True)):
        if draw(st.booleans()):
            profile[name] = draw(json_values)
        else:
            profile.pop(name, None)
    if draw(st.booleans()):
        profile["school"] = draw(st.one_of(
            json_values, st.dictionaries(st.sampled_from(SCHOOL_FIELDS), json_values, max_size=4)
        ))
    if draw(st.booleans()):
        profile["motivation"] = draw(st.one_of(
            json_values, st.dictionaries(st.sampled_from(RULERS), json_values, max_size=3)
        ))
    if draw(st.booleans()):
        profile["life_domains"] = draw(st.one_of(
            json_values,
            st.dictionaries(st.sampled_from(LIFE_DOMAINS), json_values, max_size=4),
        ))
    if draw(st.booleans()):
        profile[draw(st.text(max_size=15))] = draw(json_values)
    return profile


json_documents = st.one_of(
    profiles(), st.lists(profiles(), max_size=4),
    st.lists(st.one_of(profiles(), json_values), max_size=4), json_values,
)

COLUMNS = sorted(
    {"respondent", "age", "school_type", "school_uitstroomprofiel", "school_leaving_date",
     "benefit", "wants_to_work", "motivation_importance", "motivation_confidence",
     "motivation_readiness", "education", "hours_per_week", "can_start_within_6_months",
     "can_earn_minimum_wage_alone", "in_ggz_treatment", "severe_mental_illness", "crisis",
     "work_values", "support_needs", "droombaan", "x_eigen_kolom", *LIFE_DOMAINS,
     *COLUMN_ALIASES}
)
cells = st.one_of(
    st.sampled_from(["", "ja", "nee", "1", "0", "24", "12,5", "onbekend", "VSO", "juli 2026",
                     "bijstand", "3", "a;b", "a|b", '"', "=cmd()", "\t", "999999999999"]),
    st.text(max_size=20),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    columns = draw(st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=10)),
                            min_size=1, max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(columns) + 2), max_size=5))

    def line(values: list[str]) -> str:
        quoted = []
        for value in values:
            if draw(st.booleans()) or any(c in value for c in f'{delimiter}"\n\r'):
                value = '"' + value.replace('"', '""') + '"'
            quoted.append(value)
        return delimiter.join(quoted)

    text = "\n".join([line(columns), *(line(r) for r in rows)])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


# --- running the CLI ---------------------------------------------------------------------------


class _Stream(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def value(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8", errors="replace")  # type: ignore[attr-defined]


def triage(path: Path) -> tuple[int, str, str]:
    """``python -m bot triage PATH`` in this process: (exit code, stdout, stderr)."""
    out, err = _Stream(), _Stream()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        try:
            code = main(["triage", str(path)])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.value(), err.value()


def check(code: int, out: str, err: str) -> None:
    assert "Traceback" not in err and "Traceback" not in out
    assert code in (0, 2), (code, err)  # 1 would be an internal error: a bug
    if code == 0:
        json.loads(out)  # the advice, as JSON
        return
    assert err.strip(), "an error must say what is wrong"
    for message in err.strip().splitlines():
        # Every message names the field, or says what is wrong with the file as a whole.
        assert ('veld "' in message or "JSON" in message or "CSV" in message
                or "verwacht een profiel" in message or "leeg" in message
                or "profielen hebben een fout" in message or "UTF-8" in message), message


@FUZZ
@given(document=json_documents)
def test_fuzzed_json_gives_advice_or_an_error_naming_the_field(
    tmp_path_factory: Any, document: Any
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "profiel.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    code, out, err = triage(path)
    check(code, out, err)
    if code == 2 and isinstance(document, dict):
        assert 'veld "' in err  # a single profile: the field is named


@settings(FUZZ, max_examples=75)
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_fuzzed_bytes_as_json_never_crash(tmp_path_factory: Any, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "profiel.json"
    path.write_bytes(raw)
    check(*triage(path))


@FUZZ
@given(raw=csv_files())
def test_fuzzed_csv_gives_advice_or_an_error_naming_the_field(
    tmp_path_factory: Any, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "leerlingen.csv"
    path.write_bytes(raw)
    check(*triage(path))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(profiles(), csv_files()))
def test_a_real_process_never_shows_a_traceback(tmp_path_factory: Any, document: Any) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    if isinstance(document, bytes):
        path = folder / "rijen.csv"
        path.write_bytes(document)
    else:
        path = folder / "profiel.json"
        path.write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "triage", str(path)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)
    check(done.returncode, done.stdout, done.stderr)


def test_a_line_break_in_a_column_name_stays_on_the_line_of_its_error(tmp_path: Path) -> None:
    """Found by the fuzzer: the error quoted the column name as given, line break and all,
    so one error took two lines on stderr."""
    path = tmp_path / "rijen.csv"
    path.write_bytes(b'"leef\rtijd",age\n20,20\n')
    code, out, err = triage(path)
    assert code == 2
    lines = err.strip().splitlines()
    assert lines == ['fout in CSV: onbekende kolom "leef\\x0dtijd" (bedoelde je "leeftijd"?) '
                     "(zie docs/triage.md voor de kolomnamen)"]
    check(code, out, err)
