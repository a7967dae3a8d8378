"""Checks of plain numbers given to the engine."""

from __future__ import annotations

import math
from decimal import Decimal


def real(name: str, value: object) -> float:
    """``value`` as a float; a ValueError naming ``name`` unless it is a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{name} must be a number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result
