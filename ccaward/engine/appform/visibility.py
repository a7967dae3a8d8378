"""Which questions are shown: a question whose condition names an answer not given is hidden."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccaward.engine.appform.answers import as_list
from ccaward.engine.appform.definition import Field


def is_visible(f: Field, answers: Mapping[str, Any], fields: Mapping[str, Field]) -> bool:
    """Whether `f` is shown: its condition's answer is one it names, and that question is shown."""
    if not f.visible_if:
        return True
    target_key, values = f.visible_if
    target = fields.get(target_key)
    if target is not None and not is_visible(target, answers, fields):
        return False
    return bool(set(as_list(answers.get(target_key))) & set(values))
