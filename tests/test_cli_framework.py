"""`ccaward framework export`: a season's framework in force as the YAML that
`ccaward score --framework` reads, round-tripped."""

from __future__ import annotations

import json

import pytest
import yaml

from ccaward.cli import main
from ccaward.engine.framework import from_data
from ccaward.seasons import domain


@pytest.fixture
def changed_season(season, organizer):
    """The season's framework with two dimension weights moved (not the default's)."""
    version = season.current_framework()
    first, second = list(version.dimensions.order_by("position"))[:2]
    domain.update_framework(
        season=season,
        by=organizer,
        dimensions={
            first.pk: {"weight": first.weight + 5},
            second.pk: {"weight": second.weight - 5},
        },
    )
    return season


def test_export_round_trips_into_score(changed_season, tmp_path, capsys):
    out = tmp_path / "framework.yaml"
    assert main(["framework", "export", changed_season.slug, "--out", str(out)]) == 0
    version = changed_season.current_framework()
    assert f"framework version {version.number} written" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# The evaluation framework of season {changed_season.slug}")
    exported = from_data(yaml.safe_load(text))
    assert exported == version.to_engine()
    assert exported.dimensions[0].weight == version.to_engine().dimensions[0].weight
    assert "服务战略与价值" in text  # Chinese kept readable

    codes = [c.code for _d, c, _p in exported.criteria() if c.evidence.get("judge", 0) > 0]
    rows = ["judge,entry,criterion,score"] + [
        f"J{j},{entry},{code},{score}"
        for j in range(3)
        for entry, score in (("甲中心", 8), ("乙中心", 6))
        for code in codes
    ]
    scores = tmp_path / "scores.csv"
    scores.write_text("\n".join(rows) + "\n", encoding="utf-8")
    argv = ["score", str(scores), "--framework", str(out), "--method", "mean", "--bootstrap", "0"]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert [e["entry"] for e in result["entries"]] == ["甲中心", "乙中心"]
    assert result["entries"][0]["total"] == 80.0  # every judged criterion 8 of 10


def test_unknown_season(db, tmp_path, capsys):
    out = tmp_path / "framework.yaml"
    assert main(["framework", "export", "nope", "--out", str(out)]) == 2
    assert capsys.readouterr().err == "ccaward framework: error: no season 'nope'\n"
    assert not out.exists()


def test_unwritable_file(season, tmp_path, capsys):
    out = tmp_path / "missing" / "framework.yaml"
    assert main(["framework", "export", season.slug, "--out", str(out)]) == 2
    assert "No such file or directory" in capsys.readouterr().err
