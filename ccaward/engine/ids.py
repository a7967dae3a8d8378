"""Identifiers with check characters."""

from __future__ import annotations

# GB 32100-2015: the unified social credit code, 18 characters with a check character
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(value: str) -> str | None:
    """None when `value` is a well-formed credit code, else "format" or "check"."""
    code = (value or "").strip().upper()
    if len(code) != 18 or any(c not in CREDIT_ALPHABET for c in code):
        return "format"
    total = sum(
        CREDIT_ALPHABET.index(c) * w for c, w in zip(code[:17], CREDIT_WEIGHTS, strict=True)
    )
    if code[17] != CREDIT_ALPHABET[(31 - total % 31) % 31]:
        return "check"
    return None
