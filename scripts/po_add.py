"""Add Chinese translations to the catalogue without re-extracting it:
`python scripts/po_add.py CONTEXT "English" "中文" [CONTEXT "English" "中文" ...]`.
An entry that exists (same context and text) gets the new translation."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "ccaward/locale/zh_Hans/LC_MESSAGES/django.po"


def main(args: list[str]) -> None:
    if not args or len(args) % 3:
        raise SystemExit(__doc__)
    po = polib.pofile(str(PO), wrapwidth=80)
    for i in range(0, len(args), 3):
        ctx, msgid, msgstr = args[i : i + 3]
        entry = po.find(msgid, msgctxt=ctx or None)
        if entry is None:
            po.append(polib.POEntry(msgctxt=ctx or None, msgid=msgid, msgstr=msgstr))
        else:
            entry.msgstr = msgstr
    po.save()


if __name__ == "__main__":
    main(sys.argv[1:])
