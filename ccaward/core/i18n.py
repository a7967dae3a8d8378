"""Compile the gettext catalogues (.po -> .mo) with polib: no GNU gettext needed
at run time, and the compiled files are build output, never committed."""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_messages(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each .mo that is missing or older than its .po. Returns what was written."""
    written = []
    for po_path in locale_dir.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_messages():
        print(f"compiled {path}")
