"""ZIP packages are checked before they are read: declared sizes, compression
ratios, per-member caps, and what members really hold while they are streamed."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import openpyxl
import pytest

from ccaward.engine import packages
from ccaward.engine.interactions import excel
from ccaward.engine.interactions.schema import FileRefused
from tests import zipbombs


def opened(data: bytes, limits=packages.DEFAULT):
    return packages.open_checked(io.BytesIO(data), limits)


def test_a_member_inflating_a_thousand_times_is_refused_from_the_directory():
    bomb = zipbombs.content_types_bomb(zipbombs.DOCX_TYPES, mib=300)
    tracemalloc.start()
    try:
        with pytest.raises(packages.PackageRefused) as caught:
            opened(bomb)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.reason == "ratio" and caught.value.member == "[Content_Types].xml"
    assert "[Content_Types].xml is compressed 1009:1" in str(caught.value)
    assert peak < 5 * packages.MiB  # the directory is read, not the member


def test_members_beyond_their_caps_and_the_total_are_refused():
    data = zipbombs.build({"a.xml": b"x" * 5000, "b.xml": b"y" * 5000})
    with pytest.raises(packages.PackageRefused) as caught:
        opened(data, packages.Limits(caps={"b.xml": 4000}))
    assert (caught.value.reason, caught.value.member) == ("member_size", "b.xml")
    with pytest.raises(packages.PackageRefused) as caught:
        opened(data, packages.Limits(total_bytes=8000))
    assert caught.value.reason == "total_size"
    with pytest.raises(packages.PackageRefused) as caught:
        opened(data, packages.Limits(members=1))
    assert caught.value.reason == "members"
    opened(data).close()  # within the defaults


def test_a_member_holding_more_than_it_declares_is_caught_while_streaming():
    data = zipbombs.build(
        {"[Content_Types].xml": (b"<Types>", 3)}, declared={"[Content_Types].xml": 1000}
    )
    with opened(data) as z:  # the directory looks harmless
        with pytest.raises((packages.PackageRefused, zipfile.BadZipFile)):
            packages.verify(z)
        with pytest.raises((packages.PackageRefused, zipfile.BadZipFile)):
            packages.read_member(z, "[Content_Types].xml", 100_000)


def test_read_member_stops_at_its_cap():
    data = zipbombs.build({"[Content_Types].xml": (b"<Types>", 2)})
    with opened(data, packages.Limits(ratio=10_000)) as z:
        assert packages.read_member(z, "[Content_Types].xml", 3 * packages.MiB).startswith(
            b"<Types>"
        )
        with pytest.raises(packages.PackageRefused) as caught:
            packages.read_member(z, "[Content_Types].xml", packages.MiB)
    assert caught.value.reason == "member_size"


def workbook_bytes(strings: int) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["contact_id", "center"])
    for i in range(strings):
        ws.append([f"c{i}", f"center {i}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_over_large_workbook_is_refused_before_openpyxl_opens_it(tmp_path, monkeypatch):
    path = tmp_path / "calls.xlsx"
    path.write_bytes(workbook_bytes(200))
    opened_by_openpyxl = []
    real_load = openpyxl.load_workbook
    monkeypatch.setattr(
        openpyxl,
        "load_workbook",
        lambda *a, **k: opened_by_openpyxl.append(a) or real_load(*a, **k),
    )
    with pytest.raises(FileRefused) as caught:
        excel.to_csv(path, None, str(tmp_path), packages.Limits(total_bytes=20_000))
    assert caught.value.rule == "oversized_file"
    assert "the limit is 0.02 MB" in str(caught.value)
    strings = "".join(f"<si><t>{i:08x}</t></si>" for i in range(20_000)).encode()
    path.write_bytes(zipbombs.repack(path.read_bytes(), {"xl/sharedStrings.xml": strings}))
    with pytest.raises(FileRefused) as caught:
        excel.to_csv(
            path, None, str(tmp_path), packages.Limits(caps={"xl/sharedStrings.xml": 100_000})
        )
    assert "its part xl/sharedStrings.xml expands to" in str(caught.value)
    assert opened_by_openpyxl == []
    excel.to_csv(path, None, str(tmp_path))  # the default limits take it
    assert len(opened_by_openpyxl) == 1


def test_a_workbook_whose_shared_strings_inflate_is_refused(tmp_path):
    real = workbook_bytes(3)
    bomb = zipbombs.repack(real, {"xl/sharedStrings.xml": (b"<sst>", 100)})
    path = tmp_path / "calls.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(FileRefused) as caught:
        excel.to_csv(path, None, str(tmp_path))
    assert caught.value.rule == "oversized_file"
    assert "xl/sharedStrings.xml" in str(caught.value)
