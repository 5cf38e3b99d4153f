"""The interface the chat's actions call: save_intake / get_intake / state / list (SQLite + PG)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text

from bot.storage import Store, ValidationError, get_store, reset_stores
from bot.storage.models import Intake, Transcript

BSN = "111222333"  # passes the 11-proef


def profile(**extra):
    base = {"respondent": "self", "name": "Sanne de Vries", "droombaan": "kok in een restaurant",
            "age": 19, "wants_to_work": "ja"}
    base.update(extra)
    return base


ADVICE = {"route": "jobcoaching", "readiness": {"score": 72, "willen": 80, "kunnen": 60,
          "stabiliteit": 75}, "reasons": ["Wil werken"], "referrals": [], "urgent": False}


def test_get_intake_has_contract_shape(store: Store) -> None:
    store.save_intake("s1", status="complete", profile=profile(), advice=ADVICE,
                      summary_text="Sanne wil kok worden.")
    data = store.get_intake("s1")
    assert data is not None
    for key in ("sender_id", "status", "profile", "advice", "summary_text", "created_at"):
        assert key in data
    assert data["sender_id"] == "s1"
    assert data["status"] == "complete"
    assert data["profile"]["droombaan"] == "kok in een restaurant"
    assert data["advice"] == ADVICE
    assert data["summary_text"] == "Sanne wil kok worden."
    created = datetime.fromisoformat(data["created_at"])
    assert created.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)
    assert data["review_status"] == "nieuw"
    assert data["urgent"] is False
    assert data["decision"] is None
    assert "transcript" not in data


def test_unknown_sender_is_none(store: Store) -> None:
    assert store.get_intake("nobody") is None
    assert store.get_conversation_state("nobody") is None
    assert store.get_transcript("nobody") is None


def test_upsert_keeps_one_row_and_first_created_at(store: Store) -> None:
    store.save_intake("s1", status="incomplete", profile={"name": "Sanne"})
    first = store.get_intake("s1")
    store.save_intake("s1", status="complete", profile=profile(), advice=ADVICE,
                      summary_text="v1")
    # A correction after completion: the chat saves it complete, with the advice again (an
    # incomplete save would start the person's next intake: test_privacy_retention_...).
    store.save_intake("s1", status="complete", profile=profile(droombaan="bakker"),
                      advice=ADVICE, summary_text="v2")
    assert store.count_intakes() == 1
    data = store.get_intake("s1")
    assert data["created_at"] == first["created_at"]
    assert data["summary_text"] == "v2"
    assert data["profile"]["droombaan"] == "bakker"
    assert data["completed_at"] is not None


def test_incomplete_has_no_advice(store: Store) -> None:
    store.save_intake("s1", status="incomplete", profile={"age": 20})
    data = store.get_intake("s1")
    assert data["status"] == "incomplete"
    assert data["advice"] is None
    assert data["summary_text"] is None


def test_urgent_is_sticky(store: Store) -> None:
    store.save_intake("s1", status="incomplete", profile={}, urgent=True)
    store.save_intake("s1", status="complete", profile={}, urgent=False)
    assert store.get_intake("s1")["urgent"] is True


def test_crisis_in_profile_marks_urgent(store: Store) -> None:
    store.save_intake("s1", status="incomplete", profile={"crisis": True})
    assert store.get_intake("s1")["urgent"] is True


def test_state_and_transcript_replace_when_given_and_stay_when_none(store: Store) -> None:
    turns = [{"role": "bot", "text": "Hoi!", "ts": "2025-01-01T10:00:00+00:00"},
             {"role": "user", "text": "Hallo", "ts": "2025-01-01T10:00:05+00:00"}]
    store.save_intake("s1", status="incomplete", profile={},
                      conversation_state={"slot": "droombaan", "values": {"age": 19}},
                      transcript=turns)
    store.save_intake("s1", status="incomplete", profile={"age": 19})
    assert store.get_conversation_state("s1") == {"slot": "droombaan", "values": {"age": 19}}
    assert store.get_transcript("s1") == turns
    store.save_intake("s1", status="incomplete", profile={}, conversation_state={"slot": "x"},
                      transcript=turns[:1])
    assert store.get_conversation_state("s1") == {"slot": "x"}
    assert store.get_transcript("s1") == turns[:1]
    assert store.get_intake("s1")["transcript_available"] is True


def test_a_new_session_continues_the_transcript(store: Store) -> None:
    # After a long pause Rasa starts a new session: the chat then only has the new lines.
    before = [{"role": "bot", "text": "Hoe oud ben je?", "ts": "2025-01-01T10:00:00+00:00"},
              {"role": "user", "text": "23", "ts": "2025-01-01T10:00:05+00:00"}]
    after = [{"role": "bot", "text": "Welkom terug!", "ts": "2025-01-01T14:00:00+00:00"},
             {"role": "user", "text": "verder", "ts": "2025-01-01T14:00:09+00:00"}]
    store.save_intake("s1", status="incomplete", profile={}, transcript=before)
    store.save_intake("s1", status="incomplete", profile={}, transcript=after)
    assert store.get_transcript("s1") == before + after
    store.save_intake("s1", status="incomplete", profile={}, transcript=after + after[:1])
    assert store.get_transcript("s1") == before + after + after[:1]


def test_school_name_from_argument_or_profile(store: Store) -> None:
    store.save_intake("a", status="incomplete", profile={}, respondent="school",
                      school_name="De Brug VSO")
    store.save_intake("b", status="incomplete",
                      profile={"school": {"type": "PrO", "name": "Praktijkschool Oost"}})
    assert store.get_intake("a")["school_name"] == "De Brug VSO"
    assert store.get_intake("a")["respondent"] == "school"
    assert store.get_intake("b")["school_name"] == "Praktijkschool Oost"


def test_bad_status_is_refused_and_nothing_written(store: Store) -> None:
    with pytest.raises(ValidationError):
        store.save_intake("s1", status="klaar", profile={})
    with pytest.raises(ValidationError):
        store.save_intake("", status="complete", profile={})
    assert store.count_intakes() == 0


def test_failure_mid_transaction_leaves_nothing(store: Store) -> None:
    # Not JSON-serialisable: fails at flush, after the intake row was already added.
    with pytest.raises(Exception):  # noqa: B017 (driver-specific error type)
        store.save_intake("s1", status="incomplete", profile={"name": "A"},
                          transcript=[{"role": "user", "text": "x", "ts": object()}])
    assert store.get_intake("s1") is None
    with store.transaction() as session:
        assert session.execute(select(func.count()).select_from(Transcript)).scalar_one() == 0


def test_bsn_never_stored(store: Store) -> None:
    store.save_intake(
        "s1",
        status="complete",
        profile=profile(name="Piet", motivation_text=f"mijn bsn is {BSN}",
                        work_experience=["stage 1112.22.333"], extra={"nested": [f"{BSN}"]},
                        number=int(BSN)),
        advice={**ADVICE, "reasons": ["reden met 111 222 333"]},
        summary_text=f"Piet gaf zijn BSN {BSN} en telefoon 0612345678.",
        conversation_state={"last_text": f"bsn: {BSN}"},
        transcript=[{"role": "user", "text": "Mijn BSN is 111-22-2333", "ts": "t"}],
    )
    with store.engine.connect() as conn:
        dumped = " ".join(
            str(row) for table in ("intakes", "transcripts")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
        )
    assert BSN not in dumped.replace(".", "").replace(" ", "").replace("-", "")
    data = store.get_intake("s1")
    assert "[BSN verwijderd]" in data["summary_text"]
    assert "0612345678" in data["summary_text"]  # a phone number is not a BSN
    assert data["profile"]["number"] == "[BSN verwijderd]"
    assert store.get_transcript("s1")[0]["text"] == "Mijn BSN is [BSN verwijderd]"
    assert store.get_conversation_state("s1") == {"last_text": "bsn: [BSN verwijderd]"}


def _seed_for_filters(store: Store) -> None:
    store.save_intake("old", status="complete",
                      profile=profile(name="Ahmed", droombaan="buschauffeur"),
                      advice={**ADVICE, "route": "ips"})
    store.save_intake("urgent", status="incomplete",
                      profile=profile(name="Bo", droombaan="kapper"), urgent=True)
    store.save_intake("school", status="complete",
                      profile=profile(name="Chris", droombaan="50%_tuin"),
                      advice={**ADVICE, "route": "wmo"}, school_name="VSO De Brug")
    with store.transaction() as session:
        row = session.execute(select(Intake).where(Intake.sender_id == "old")).scalar_one()
        row.created_at = datetime(2024, 3, 1, 12, 0)


def test_list_filters_and_order(store: Store) -> None:
    _seed_for_filters(store)
    ids = [d["sender_id"] for d in store.list_intakes()]
    assert ids[0] == "urgent"  # urgent on top
    assert ids[1:] == ["school", "old"]  # then newest first
    assert [d["sender_id"] for d in store.list_intakes(route="ips")] == ["old"]
    assert [d["sender_id"] for d in store.list_intakes(urgent=True)] == ["urgent"]
    assert {d["sender_id"] for d in store.list_intakes(urgent=False)} == {"old", "school"}
    assert [d["sender_id"] for d in store.list_intakes(status="incomplete")] == ["urgent"]
    assert [d["sender_id"] for d in store.list_intakes(school="vso de brug")] == ["school"]
    assert [d["sender_id"] for d in store.list_intakes(q="AHM")] == ["old"]
    assert [d["sender_id"] for d in store.list_intakes(q="kapp")] == ["urgent"]
    # LIKE wildcards in a search are literal characters.
    assert [d["sender_id"] for d in store.list_intakes(q="50%_")] == ["school"]
    assert store.list_intakes(q="%n") == []  # would match "Ahmed"... if % were a wildcard
    assert [d["sender_id"] for d in store.list_intakes(date_to="2024-03-01")] == ["old"]
    assert "old" not in [d["sender_id"] for d in store.list_intakes(date_from="2024-03-02")]
    first_new = store.list_intakes(review_status="nieuw", limit=1)
    assert [d["sender_id"] for d in first_new] == ["urgent"]
    assert len(store.list_intakes(limit=2, offset=2)) == 1


def test_list_rejects_unknown_filters(store: Store) -> None:
    with pytest.raises(ValidationError):
        store.list_intakes(colour="red")
    with pytest.raises(ValidationError):
        store.list_intakes(route="nowhere")
    with pytest.raises(ValidationError):
        store.list_intakes(date_from="gisteren")


def test_concurrent_first_saves_make_one_row(store: Store) -> None:
    errors: list[BaseException] = []

    def save(i: int) -> None:
        try:
            store.save_intake("race", status="incomplete", profile={"i": i})
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count_intakes() == 1


def test_get_store_is_cached_per_url_and_migrates(db_url: str) -> None:
    reset_stores()
    try:
        first = get_store(db_url)
        assert get_store(db_url) is first
        first.save_intake("x", status="incomplete", profile={})
        assert first.get_intake("x")["status"] == "incomplete"
    finally:
        reset_stores()


def test_a_bsn_as_sender_id_is_never_stored(store: Store, monkeypatch) -> None:
    from bot.privacy.erasure import erase_person
    from bot.storage import Actor

    monkeypatch.setenv("SECRET_KEY", "test-secret")  # keys the pseudonym; no file in var/

    store.save_intake(BSN, status="incomplete", profile={"name": "X"},
                      transcript=[{"role": "user", "text": "hoi", "ts": "t"}])
    store.save_intake(BSN, status="complete", profile={"name": "X"}, advice=ADVICE)
    data = store.get_intake(BSN)
    assert data["sender_id"] == BSN and data["status"] == "complete"  # transparent for the chat
    assert store.count_intakes() == 1
    assert store.api_get_intake(BSN)["sender_id"] == BSN
    stored = store.list_intakes()[0]["sender_id"]
    assert stored.startswith("pseudo-") and BSN not in stored
    with store.engine.connect() as conn:
        dumped = " ".join(str(row) for table in ("intakes", "audit_log")
                          for row in conn.execute(text(f"SELECT * FROM {table}")))
    assert BSN not in dumped
    assert erase_person(store, BSN, Actor("beheer", "beheerder"))["found"] is True
    assert store.get_intake(BSN) is None


def test_dates_sets_and_tuples_are_stored_as_json(store: Store) -> None:
    from datetime import date

    store.save_intake("j", status="incomplete", profile={"skills": {"koken"}, "t": (1, 2)},
                      conversation_state={"asked_on": date(2025, 1, 2)},
                      transcript=[{"role": "user", "text": "x",
                                   "ts": datetime(2025, 1, 2, 9, 0, tzinfo=timezone.utc)}])
    assert store.get_intake("j")["profile"] == {"skills": ["koken"], "t": [1, 2]}
    assert store.get_conversation_state("j") == {"asked_on": "2025-01-02"}
    assert store.get_transcript("j")[0]["ts"] == "2025-01-02T09:00:00+00:00"
