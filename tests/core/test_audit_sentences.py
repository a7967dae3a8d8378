"""Every audit event the code can write reads as a sentence in the reader's language,
filled from the event's data, with no event key or Python value shown as it is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

import ccaward
from ccaward.core import audit_text
from ccaward.core.models import AuditEvent
from tests.factories import make_category, make_entry

SOURCE = Path(ccaward.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# a key (kpi.computed, name_en) or a Python list, dict, string or None shown as it is
RAW = re.compile(r"\b[a-z]+[._][a-z_.]+\b|[\[\]{}]|\['|', '|: '|\bNone\b|%\(")
EMAIL = re.compile(r"[\w.]+@[\w.]+")


def raw(text: str):
    """A key or a Python value in `text` (e-mail addresses aside), or None."""
    return RAW.search(EMAIL.sub("", text))


def _strings(node, assigned: dict[str, set[str]]) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, assigned) | _strings(node.orelse, assigned)
    if isinstance(node, ast.JoinedStr):  # an f-string: a pattern any key may match
        return {
            "re:"
            + "".join(
                re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values
            )
        }
    if isinstance(node, ast.Name):
        return assigned.get(node.id, set())
    raise AssertionError(f"an audit action the test cannot read: {ast.dump(node)}")


def written_actions() -> set[str]:
    """The action of every `audit.record(...)` call in the code."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        assigned.setdefault(target.id, set()).add(node.value.value)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ):
                (action,) = [k.value for k in node.keywords if k.arg == "action"]
                found |= _strings(action, assigned)
    return found


def test_the_walk_finds_the_audit_calls():
    actions = written_actions()
    assert {"kpi.computed", "entries.imported", "framework.new_version", "role.granted"} <= actions
    assert "re:stage\\.override\\..+" in actions
    assert len(actions) >= 45


@pytest.mark.parametrize("action", sorted(written_actions()))
def test_every_action_the_code_writes_has_a_sentence(action):
    if action.startswith("re:"):
        assert any(re.fullmatch(action[3:], key) for key in audit_text.SENTENCES), action
    else:
        assert action in audit_text.SENTENCES, action


# values for the data keys that have their own reading (role, stage, indicator, ...)
SAMPLE = {
    "role": "judge",
    "stage": "registration",
    "indicator": "sl",
    "until": "2026-12-04T10:00:00+00:00",
    "category": {"zh": "最佳客户中心", "en": "Best Contact Center"},
    "category_name": {"zh": "最佳客户中心", "en": "Best Contact Center"},
    "name": {"zh": "最佳客户中心", "en": "Best Contact Center"},
    "emails": ["a@example.cn", "b@example.cn"],
    "centers": ["甲中心", "乙中心"],
    "months": ["2026-01", "2026-02"],
    "figures": {"service_level": 0.8},
}


def _event(action: str, data: dict) -> AuditEvent:
    return AuditEvent(action=action, actor_label="wang@example.cn", summary="甲中心", data=data)


def _msgid(lazy) -> str:
    """The English template of a lazy translation (pgettext_lazy or npgettext_lazy)."""
    return " ".join(str(a) for a in (*lazy._args, *lazy._kw.values()))


def _sample_data(label: audit_text.Label) -> dict:
    names = set(PLACEHOLDER.findall(_msgid(label.sentence)))
    data = {}
    for name in names - {"actor", "object", "season", "fields", "stages"}:
        data[name] = SAMPLE.get(name, 12 if name in ("count", "offered", "version") else "甲中心")
    if "fields" in names:
        data["name_zh"] = ["旧", "新"]
        data["sl_target"] = "0.8"
    if "stages" in names:
        data["registration"] = {"opens_at": ["a", "b"]}
    if "figures" in names:
        data["service_level"] = 0.8
    return data


@pytest.mark.parametrize("action", sorted(audit_text.SENTENCES))
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_sentence_reads_without_raw_keys(action, language, db):
    label = audit_text.SENTENCES[action]
    event = _event(action, _sample_data(label))
    if action.startswith(("category.", "season.")):
        event.object_type = (
            "seasons.category" if action.startswith("category") else "seasons.season"
        )
    if action == "user.profile_changed":
        event.object_type, event.data = "people.user", {"name": ["旧", "新"]}
    with translation.override(language):
        text = event.sentence
        kind = event.action_label
    assert not raw(text), text
    assert "wang@example.cn" in text or action in (
        "framework.frozen",
        "kpi.computed",
        "recommendation.linked",
        "job.worker_lost",
        "login.locked",
        "token.locked",
    )
    # the sentence and the kind are in the reader's language
    assert bool(CJK.search(kind)) == (language == "zh-hans"), kind
    without_values = PLACEHOLDER.sub("", text.replace("甲中心", "").replace("乙中心", ""))
    without_values = re.sub(r"最佳客户中心|旧|新", "", without_values)
    assert bool(CJK.search(without_values)) == (language == "zh-hans"), text


@pytest.mark.parametrize("action", sorted(audit_text.SENTENCES))
def test_an_event_without_its_data_still_reads(action, db):
    event = _event(action, {"params": {"a": [1, 2]}, "rows": [[1, 2]]})
    for language in ("zh-hans", "en"):
        with translation.override(language):
            text = event.sentence
        assert not raw(text), text
        assert action not in text and "{" not in text and "[[" not in text, text


def test_an_unknown_action_reads_as_a_change(db):
    event = _event("some.future_event", {})
    with translation.override("en"):
        assert event.sentence == "wang@example.cn: Other change — 甲中心"
    with translation.override("zh-hans"):
        assert event.action_label == "其他变更"


def test_real_events_read_as_sentences(season, organizer):
    category = make_category(season=season, by=organizer, name_zh="年度服务奖", name_en="Service")
    make_entry(season=season, by=organizer, category=category)
    events = AuditEvent.objects.filter(season=season).select_related("actor", "season")
    with translation.override("en"):
        texts = [e.sentence for e in events]
    assert f"{organizer.display_name} added the category Service" in texts
    assert any(t.startswith(f"{organizer.display_name} started the application of") for t in texts)
    with translation.override("zh-hans"):
        texts = [e.sentence for e in events]
    assert f"{organizer.display_name} 添加了奖项类别 年度服务奖" in texts
    for text in texts:
        assert not raw(text), text


def test_lists_use_the_languages_separator():
    with translation.override("zh-hans"):
        assert audit_text.join(["甲", "乙"]) == "甲、乙"
    with translation.override("en"):
        assert audit_text.join(["a", "b"]) == "a, b"
