

def test_a_reason_resting_on_an_assumed_answer_says_so() -> None:
    from bot.triage import advise

    profile = {
        "respondent": "self", "age": 25, "wants_to_work": "ja",
        "motivation": {"importance": 8, "confidence": 6, "readiness": 8},
        "can_start_within_6_months": True, "can_earn_minimum_wage_alone": None,
    }
    reason = advise(profile).to_dict()["reasons"][0]
    assert "Aangenomen, want onbekend" in reason and "minimumloon" in reason
    profile["can_earn_minimum_wage_alone"] = False
    assert "Aangenomen" not in advise(profile).to_dict()["reasons"][0]
