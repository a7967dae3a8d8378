"""Scorecard versions: the default made on first use, uploads checked by the
engine (refused by path, with the sum), a stale upload refused."""

from __future__ import annotations

import pytest
import yaml

from ccaward.engine.mystery.scorecard import DEFAULT_FILE, load_scorecard
from ccaward.mystery.domain import cards
from ccaward.mystery.models import ScorecardVersion


def default_data():
    return yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


def test_default_made_on_first_use_once(season):
    assert cards.scorecard_in_use(season).pk is None  # reading writes nothing
    assert not ScorecardVersion.objects.exists()
    first = cards.current_scorecard(season)
    assert first.version == 1 and cards.current_scorecard(season).pk == first.pk
    card = cards.engine_card(first)
    assert card.version == 1 and sum(g.points for g in card.groups) == 100
    assert cards.engine_card(first) is card  # cached per row


def test_upload_makes_the_next_version(season, organizer, scorecard):
    data = default_data()
    data["name_zh"] = "新评分表"
    row = cards.upload_scorecard(
        season=season, source=yaml.safe_dump(data, allow_unicode=True), by=organizer, base_version=1
    )
    assert row.version == 2 and cards.current_scorecard(season).pk == row.pk
    assert cards.engine_card(row).name_zh == "新评分表"
    assert "新评分表" in cards.yaml_of(row)


def test_points_that_do_not_add_up_refused_by_path_with_the_sum(season, organizer, scorecard):
    data = default_data()
    data["groups"]["opening"]["items"]["greeting"]["points"] = 2
    data["groups"]["reaching"]["points"] = 25
    with pytest.raises(cards.ScorecardRefused) as exc:
        cards.upload_scorecard(season=season, source=yaml.safe_dump(data), by=organizer)
    problems = exc.value.problems
    assert any(p.startswith("opening:") and "10" in p for p in problems)  # items add up to 10
    assert any(p.startswith("reaching:") for p in problems)
    assert any(p.startswith("groups:") and "105" in p for p in problems)
    assert ScorecardVersion.objects.count() == 1


@pytest.mark.parametrize("source", [b"\xff\xfe", "groups: [", "a: !!python/object:os.system x"])
def test_unreadable_files_refused(season, organizer, source):
    with pytest.raises(cards.ScorecardRefused):
        cards.upload_scorecard(season=season, source=source, by=organizer)
    assert not ScorecardVersion.objects.exists()


def test_stale_upload_refused(season, organizer, scorecard):
    source = DEFAULT_FILE.read_text(encoding="utf-8")
    cards.upload_scorecard(season=season, source=source, by=organizer, base_version=1)
    with pytest.raises(cards.ScorecardChanged) as exc:
        cards.upload_scorecard(season=season, source=source, by=organizer, base_version=1)
    assert exc.value.version == 2


BOMB = "\n".join(
    [
        'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 5)),
        "name_zh: *a4",
    ]
)


def test_nested_aliases_refused_before_anything_walks_them(season, organizer):
    with pytest.raises(cards.ScorecardRefused) as exc:
        cards.upload_scorecard(season=season, source=BOMB, by=organizer)
    assert exc.value.problems == ["（文件）第 1 行：不允许使用 YAML 锚点和别名。"]
    plain = "a: 1\nb: &x [1]\n"
    with pytest.raises(cards.ScorecardRefused) as exc:
        cards.upload_scorecard(season=season, source=plain, by=organizer)
    assert "第 2 行" in exc.value.problems[0]
    assert not ScorecardVersion.objects.exists()


def test_an_oversized_upload_refused_by_its_size(season, organizer):
    with pytest.raises(cards.ScorecardRefused) as exc:
        cards.upload_scorecard(
            season=season, source=b"#" * (cards.UPLOAD_MAX_BYTES + 1), by=organizer
        )
    assert "KB" in exc.value.problems[0]


def test_a_versions_groups_and_items_keep_the_order_they_were_written_in(season, organizer):
    """PostgreSQL's jsonb keeps no key order; the card is read from its source."""
    row = cards.upload_scorecard(season=season, source=DEFAULT_FILE.read_text(), by=organizer)
    written = [g.code for g in cards.engine_card(row).groups]
    assert written == ["reaching", "opening", "handling", "closing"]
    # the stored definition as jsonb hands it back: keys by length, then bytes
    shuffled = dict(sorted(row.definition["groups"].items(), key=lambda kv: (len(kv[0]), kv[0])))
    row.definition = {**row.definition, "groups": shuffled}
    row.save(update_fields=["definition"])
    row.refresh_from_db()
    assert [g.code for g in load_scorecard(cards.definition_of(row)).groups] == written
