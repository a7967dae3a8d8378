from pathlib import Path

import polib

from ccaward.core.i18n import LOCALE_DIR, compile_messages


def test_the_chinese_catalogue_is_complete():
    po = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert len(po) > 200
    missing = [(e.msgctxt, e.msgid) for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert missing == []


def test_catalogues_compile_to_mo(tmp_path):
    po_dir = tmp_path / "zh_Hans" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    src = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
    (po_dir / "django.po").write_bytes(src.read_bytes())
    written = compile_messages(tmp_path)
    assert written == [po_dir / "django.mo"]
    mo = polib.mofile(str(Path(written[0])))
    assert any(e.msgstr == "阶段时间线" for e in mo)
    assert compile_messages(tmp_path) == []  # up to date: nothing rewritten


def test_each_message_has_one_entry_in_the_chinese_catalogue():
    """GNU msgfmt refuses a catalogue that defines a message twice (polib keeps
    the last one silently), so two branches adding the same string must merge
    into one entry."""
    po = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    seen, twice = set(), []
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            twice.append(key)
        seen.add(key)
    assert twice == []
