"""The scenario library: versions (an edit is a new row), refusals by field,
control characters, a stale edit refused with both versions, retiring."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ccaward.core.models import AuditEvent
from ccaward.mystery.domain import scenarios
from ccaward.mystery.models import Scenario

VALUES = {
    "title": "信用卡挂失",
    "story": "我的信用卡丢了。",
    "questions": "多久补卡？",
    "answer_points": "立即挂失\n\n核实身份\n",
}


def test_edit_makes_a_new_version_and_keeps_the_old(season, organizer, library_scenario):
    edited = scenarios.save_scenario(
        season=season,
        key=library_scenario.key,
        base_version=1,
        by=organizer,
        values={**VALUES, "title": "信用卡挂失（新）", "channels": ["voice"]},
    )
    assert (edited.key, edited.version) == (library_scenario.key, 2)
    library_scenario.refresh_from_db()
    assert library_scenario.title == "信用卡挂失" and library_scenario.version == 1  # never changed
    assert edited.answer_points == ["立即挂失", "核实身份"]
    assert [r.version for r in scenarios.history(season, library_scenario.key)] == [2, 1]
    assert [r.pk for r in scenarios.current_scenarios(season)] == [edited.pk]
    assert AuditEvent.objects.filter(action="mystery.scenario_saved").count() == 2


def test_refused_by_field(season, organizer):
    with pytest.raises(ValidationError) as exc:
        scenarios.save_scenario(
            season=season,
            by=organizer,
            values={
                "title": " ",
                "story": "",
                "questions": "",
                "answer_points": "\n \n",
                "channels": ["fax"],
            },
        )
    errors = exc.value.message_dict
    assert set(errors) == {"title", "story", "questions", "answer_points", "channels"}
    assert "Answer points" in errors["answer_points"][0] or "答案要点" in errors["answer_points"][0]
    assert not Scenario.objects.exists()


def test_control_characters_refused_naming_the_field(season, organizer):
    with pytest.raises(ValidationError) as exc:
        scenarios.save_scenario(
            season=season, by=organizer, values={**VALUES, "answer_points": ["好\x07"]}
        )
    assert "answer_points" in exc.value.message_dict
    assert not Scenario.objects.exists()


def test_stale_edit_refused_with_both_versions(season, organizer, library_scenario):
    scenarios.save_scenario(
        season=season,
        key=library_scenario.key,
        base_version=1,
        by=organizer,
        values={**VALUES, "title": "第二版"},
    )
    with pytest.raises(scenarios.ScenarioChanged) as exc:
        scenarios.save_scenario(
            season=season,
            key=library_scenario.key,
            base_version=1,
            by=organizer,
            values={**VALUES, "title": "我的版本"},
        )
    rows = {name: (stored, sent) for name, stored, sent in exc.value.rows()}
    assert rows["title"] == ("第二版", "我的版本")
    assert exc.value.version == 2
    assert Scenario.objects.filter(key=library_scenario.key).count() == 2


def test_retire_and_matching(season, organizer, library_scenario, category):
    specific = scenarios.save_scenario(
        season=season,
        by=organizer,
        values={
            **VALUES,
            "title": "网聊投诉",
            "category": category,
            "channels": ["webchat"],
            "industry": "banking",
        },
    )
    library = scenarios.current_scenarios(season)
    fits = scenarios.matching(
        library, category_id=category.pk, industry="banking", channel="webchat"
    )
    assert {s.pk for s in fits} == {library_scenario.pk, specific.pk}
    assert scenarios.matching(
        library, category_id=category.pk, industry="telecom", channel="webchat"
    ) == [library_scenario]
    retired = scenarios.retire_scenario(season=season, key=specific.key, by=organizer)
    assert retired.retired and retired.version == 2
    assert [s.pk for s in scenarios.current_scenarios(season)] == [library_scenario.pk]


def test_only_organizers_write(season, shopper):
    with pytest.raises(PermissionDenied):
        scenarios.save_scenario(season=season, by=shopper, values=VALUES)
