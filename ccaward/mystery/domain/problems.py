"""The engine's problems (a refused scorecard, an infeasible plan) in the reader's
language. The engine writes English "path: message" lines; each message it can
write is matched here, in one place, and given as a catalogue string with the
same arguments. The path (group/item codes) stays as it is; a line no pattern
matches is shown as written."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import pgettext


def _rx(pattern: str) -> re.Pattern:
    return re.compile("^" + pattern + "$")


def _scorecard() -> list[tuple[re.Pattern, Callable[[], str]]]:
    def sp(text: str) -> Callable[[], str]:
        return lambda: pgettext("scorecard problem", text)

    return [
        (
            _rx(r"its items' points add up to (?P<total>\S+), not the group's (?P<points>\S+)"),
            lambda: pgettext(
                "scorecard problem",
                "its items' points add up to %(total)s, not the group's %(points)s",
            ),
        ),
        (
            _rx(r"the groups' points add up to (?P<total>\S+), not 100"),
            lambda: pgettext(
                "scorecard problem", "the groups' points add up to %(total)s, not 100"
            ),
        ),
        (
            _rx(r"the best row earns (?P<best>\S+), not the item's (?P<points>\S+) points"),
            lambda: pgettext(
                "scorecard problem", "the best row earns %(best)s, not the item's %(points)s points"
            ),
        ),
        (
            _rx(r"min (?P<low>\S+) is not below max (?P<high>\S+)"),
            lambda: pgettext("scorecard problem", "min %(low)s is not below max %(high)s"),
        ),
        (_rx(r"(?P<value>.+) is not a number"), sp("%(value)s is not a number")),
        (_rx(r"(?P<value>.+) is not a finite number"), sp("%(value)s is not a finite number")),
        (_rx(r"(?P<key>\w+) is missing"), sp("%(key)s is missing")),
        (
            _rx(r"one description per level 1-5 \(zh and en\) is needed"),
            sp("one description per level 1–5 (zh and en) is needed"),
        ),
        (_rx(r"a description in zh and en is needed"), sp("a description in zh and en is needed")),
        (_rx(r"levels (?P<levels>.+) are not 1-5"), sp("levels %(levels)s are not 1–5")),
        (
            _rx(r"a table of \{up_to, points\} rows is needed"),
            sp("a table of {up_to, points} rows is needed"),
        ),
        (_rx(r"not an \{up_to, points\} row"), sp("not an {up_to, points} row")),
        (
            _rx(r"up_to must increase strictly, got (?P<got>.+)"),
            sp("up_to must increase strictly, got %(got)s"),
        ),
        (
            _rx(r"up_to (?P<up>\S+) is below the range's min (?P<low>\S+)"),
            sp("up_to %(up)s is below the range's min %(low)s"),
        ),
        (
            _rx(
                r"the last up_to is (?P<up>\S+), not the range's max (?P<high>\S+) "
                r"\(the table must cover the range\)"
            ),
            sp(
                "the last up_to is %(up)s, not the range's max %(high)s (the table must cover the range)"
            ),
        ),
        (
            _rx(r"points must move one way only, got (?P<got>.+)"),
            sp("points must move one way only, got %(got)s"),
        ),
        (_rx(r"points below 0 \((?P<low>\S+)\)"), sp("points below 0 (%(low)s)")),
        (_rx(r"not an item"), sp("not an item")),
        (_rx(r"not a group"), sp("not a group")),
        (
            _rx(r"(?P<value>.+) is not one of (?P<options>.+)"),
            sp("%(value)s is not one of %(options)s"),
        ),
        (_rx(r"(?P<value>\S+) is not above 0"), sp("%(value)s is not above 0")),
        (
            _rx(r"a group needs items \(code: definition\)"),
            sp("a group needs items (code: definition)"),
        ),
        (
            _rx(r"a card needs groups \(code: definition\)"),
            sp("a card needs groups (code: definition)"),
        ),
        (
            _rx(r"(?P<value>.+) is not a whole number from 1"),
            sp("%(value)s is not a whole number from 1"),
        ),
        (_rx(r"the code is used in (?P<other>\S+) too"), sp("the code is used in %(other)s too")),
        (
            _rx(r"no group (?P<group>.+) \(the group an unanswered call scores 0\)"),
            sp("no group %(group)s (the group an unanswered call scores 0)"),
        ),
    ]


def _translated(line: str, patterns) -> str:
    path, sep, message = line.partition(": ")
    if not sep:
        return line
    for pattern, text in patterns:
        found = pattern.match(message)
        if found:
            return f"{path}: {text() % found.groupdict()}"
    return line


def scorecard_problems(lines: list[str]) -> list[str]:
    """The engine's scorecard problems (engine/mystery/scorecard.py) translated."""
    patterns = _scorecard()
    return [_translated(line, patterns) for line in lines]


ENTRY = _rx(
    r"(?P<entry>.+): (?P<n>\d+) contacts, but only (?P<free>\d+) of (?P<all>\d+) shoppers may "
    r"contact it \((?P<org>\d+) of its organisation, (?P<conflicted>\d+) conflicted, "
    r"(?P<full>\d+) without places(?:, (?P<capped>\d+) at the cap per pair)?\), "
    r"(?P<places>\d+) contacts at most"
)
TOGETHER = _rx(
    r"(?P<entries>.+): (?P<n>\d+) contacts together, but the (?P<usable>\d+) shoppers who may "
    r"contact them have (?P<places>\d+) places in all \(covered at most (?P<covered>\d+) of "
    r"(?P<total>\d+) contacts\)"
)


def plan_problems(lines: list[str]) -> list[str]:
    """The planner's explanation (engine/mystery/plan.py, with names for ids, each
    line starting "entry NAME:" or "entries NAMES:") translated."""
    out = []
    for line in lines:
        head, _, rest = line.partition(" ")
        found = ENTRY.match(rest) if head == "entry" else TOGETHER.match(rest)
        if found is None or head not in ("entry", "entries"):
            out.append(line)
        elif head == "entry":
            args = found.groupdict() | {"capped": found.group("capped") or "0"}
            out.append(
                pgettext(
                    "plan problem",
                    "%(entry)s: %(n)s contacts, but only %(free)s of %(all)s shoppers may "
                    "contact it (%(org)s of its organisation, %(conflicted)s with a conflict "
                    "of interest or kept from it, %(full)s without places left, %(capped)s who "
                    "made their most contacts with it), %(places)s contacts at most",
                )
                % args
            )
        else:
            out.append(
                pgettext(
                    "plan problem",
                    "%(entries)s: %(n)s contacts together, but the %(usable)s shoppers who may "
                    "contact them have %(places)s places in all (at most %(covered)s of "
                    "%(total)s contacts covered)",
                )
                % found.groupdict()
            )
    return out
