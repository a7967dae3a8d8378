"""The shipped default framework (seed 001) and stage calendar."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from ccaward.engine.framework import Framework, from_data

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def default_framework_data() -> dict:
    with (DATA_DIR / "framework_default.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def default_framework() -> Framework:
    return from_data(default_framework_data())
