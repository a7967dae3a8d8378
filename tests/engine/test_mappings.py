"""The column mapping files are found by listing their folder: a new file needs no code."""

from __future__ import annotations

import duckdb
import pytest

from ccaward.engine import interactions, mappings

HEADER = "CallID,Site,Start\n"
ROW = "c1,A,2024-01-01 08:00:00\n"


def test_the_registry_lists_every_file_of_the_mapping_folder():
    found = mappings.registry()
    # the default first
    assert list(found) == ["standard", "anonymous_bank_1999_08", "asterisk_cdr", "standard_zh"]
    assert set(found) == {p.stem for p in mappings.MAPPINGS_DIR.glob("*.yaml")}
    standard = found["standard"]
    assert standard.path == mappings.MAPPINGS_DIR / "standard.yaml"
    assert (standard.description("zh-hans"), standard.description("en")) == (
        "ccaward 标准格式",
        "ccaward standard schema",
    )
    for mapping in found.values():  # every shipped mapping is a valid one
        assert interactions.read_mapping(mapping.path)


def test_a_new_mapping_file_is_listed_and_loads_without_code(tmp_path):
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "standard.yaml").write_text("description: plain\nidentity: true\n")
    (folder / "my_acd.yaml").write_text(
        "description: {zh: 我的 ACD, en: My ACD}\n"
        "constants: {channel: voice}\n"
        "renames: {contact_id: CallID, center: Site, arrived_at: Start}\n",
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("not a mapping")
    found = mappings.registry(folder)
    assert list(found) == ["standard", "my_acd"]
    assert found["my_acd"].description("en") == "My ACD"
    assert found["my_acd"].description("zh-hans") == "我的 ACD"
    assert found["standard"].description("en") == found["standard"].description("zh") == "plain"
    records = tmp_path / "calls.csv"
    records.write_text(HEADER + ROW)
    con = duckdb.connect()
    report = interactions.load(con, [records], mapping=mappings.path_of("my_acd", folder))
    assert report.rows_loaded == 1
    assert con.execute("SELECT contact_id, center, channel FROM interactions").fetchall() == [
        ("c1", "A", "voice")
    ]
    with pytest.raises(ValueError, match="unknown mapping 'nope'"):
        mappings.path_of("nope", folder)


def test_a_description_is_a_text_or_one_per_language(tmp_path):
    assert mappings.descriptions(None, "x") == ("x", "x")
    assert mappings.descriptions({"en": "Only English"}, "x") == ("Only English", "Only English")
    for bad in (3, {"fr": "Non"}, {"zh": ""}, ["a"]):
        with pytest.raises(ValueError, match="description"):
            mappings.descriptions(bad, "x")
    with pytest.raises(ValueError, match="description"):
        interactions.read_mapping({"identity": True, "description": 3})
    broken = tmp_path / "broken.yaml"
    broken.write_text("description: [unclosed\n")
    with pytest.raises(ValueError, match="broken.yaml"):
        mappings.registry(tmp_path)
