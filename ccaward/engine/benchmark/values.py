"""Checks of the values given to the benchmark functions, and their Decimal forms."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from ccaward.engine.framework import HUNDRED, SCORE_PLACES
from ccaward.engine.indicators import DIRECTIONS
from ccaward.engine.numbers import real as _real


def _check_direction(direction: object, *, allow_none: bool) -> str | None:
    if direction is None and allow_none:
        return None
    if direction not in DIRECTIONS:
        allowed = "'higher', 'lower' or 'band'" + (" or None" if allow_none else "")
        raise ValueError(f"direction must be {allowed}, got {direction!r}")
    return direction  # type: ignore[return-value]


def _check_min_peers(min_peers: object) -> int:
    if isinstance(min_peers, bool) or not isinstance(min_peers, int) or min_peers < 1:
        raise ValueError(f"min_peers must be an integer >= 1, got {min_peers!r}")
    return min_peers


def _non_null(values: Sequence[float | None], name: str) -> list[float]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"{name} must be a sequence of numbers, got {values!r}")
    return [_real(f"{name}[{i}]", v) for i, v in enumerate(values) if v is not None]


def _quantize(value: Decimal | Fraction) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(SCORE_PLACES, ROUND_HALF_UP)


def _dec(value: float) -> Decimal:
    """A float as the Decimal of its shortest repr (0.93 -> Decimal('0.93'))."""
    return Decimal(repr(float(value)))


def _score_value(value: object, where: str) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{where}: score {value!r} is not a number")
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int | str):
            result = Decimal(str(value).strip())
        elif isinstance(value, float):
            result = _dec(value)
        else:
            raise ValueError(f"{where}: score {value!r} is not a number")
    except InvalidOperation:
        raise ValueError(f"{where}: score {value!r} is not a number") from None
    if not result.is_finite() or result < 0 or result > HUNDRED:
        raise ValueError(f"{where}: score {value} is outside 0..100")
    return result
