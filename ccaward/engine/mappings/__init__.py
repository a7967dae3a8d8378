"""Column mapping files (YAML) of ACD exports, found by listing this folder.

A mapping's name is its file's stem (``standard.yaml`` is ``standard``) and its
description the file's ``description`` (a text, or ``{zh: ..., en: ...}``). A new file
here is offered everywhere mappings are chosen (the upload page, ``ccaward kpi compute
--mapping``) with no code change. The file format: ``docs/kpis.md``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

MAPPINGS_DIR = Path(__file__).resolve().parent
DEFAULT = "standard"  # same-named columns: the default mapping of interaction records
SUFFIX = ".yaml"


@dataclass(frozen=True)
class MappingFile:
    """One mapping file: its name (the file stem), path and description."""

    name: str
    path: Path
    description_zh: str
    description_en: str

    def description(self, language: str | None) -> str:
        """The English description for an English language code, else the Chinese one."""
        return self.description_en if (language or "").startswith("en") else self.description_zh


def descriptions(value, name: str) -> tuple[str, str]:
    """(zh, en) of a mapping's ``description``: a text serves both languages, a
    ``{zh, en}`` mapping gives each (one missing: the other); none: the name."""
    if value is None:
        return name, name
    if isinstance(value, str):
        return value.strip(), value.strip()
    texts = isinstance(value, dict) and all(
        isinstance(v, str) and v.strip() for v in value.values()
    )
    if texts and value and set(value) <= {"zh", "en"}:
        zh = value.get("zh") or value["en"]
        en = value.get("en") or value["zh"]
        return zh.strip(), en.strip()
    where = f"mapping {name}" if name else "mapping"
    raise ValueError(f"{where}: description must be a text or {{zh: ..., en: ...}}")


def _read(path: Path) -> MappingFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"mapping {path.name}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"mapping {path.name}: must be a YAML mapping at the top level")
    zh, en = descriptions(data.get("description"), path.stem)
    return MappingFile(path.stem, path, zh, en)


def registry(directory: str | os.PathLike | None = None) -> dict[str, MappingFile]:
    """Every mapping file of ``directory`` (default: this folder) by name, the default
    mapping first, then by name."""
    folder = Path(directory) if directory is not None else MAPPINGS_DIR
    files = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: (p.stem != DEFAULT, p.stem))
    return {p.stem: _read(p) for p in files if p.is_file()}


def path_of(name: str, directory: str | os.PathLike | None = None) -> Path:
    """The file of the mapping ``name``; a ValueError naming the known ones otherwise."""
    found = registry(directory)
    if name not in found:
        raise ValueError(f"mapping: unknown mapping {name!r}; known: {sorted(found)}")
    return found[name].path
