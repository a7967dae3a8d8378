"""What the totals, breakdown and reliability pages share: the gate (organizers
always, the panel while 集中评议 is open), how an entry is named to the reader
(its code to a judge under blind review), the method in words, and numbers as
people read them."""

from __future__ import annotations

from functools import wraps

from django.utils.translation import get_language

from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.judging.access import profile_of
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Conflict
from ccaward.reviews.blind import entry_code, policy_of

VIEW = "deliberation.view_board"


def board_view(view):
    """The view gets `season` once the reader may see the totals: a judge of the
    season while 集中评议 is closed gets the closed-stage page, others 403/404."""

    @season_view("seasons.view_season")
    @wraps(view)
    def wrapper(request, season, *args, **kwargs):
        access.check(request.user, VIEW, season)
        return view(request, season, *args, **kwargs)

    return wrapper


def organizes(user, season) -> bool:
    return user.has_perm("deliberation.change_policy", season)


class Namer:
    """An entry's name as the reader sees it: its center's name, or its code to a
    judge while reviews are blind."""

    def __init__(self, user, season):
        self.blind = policy_of(season).blind and not organizes(user, season)

    def __call__(self, entry) -> str:
        return entry_code(entry) if self.blind else entry.center.name


def conflicted_entries(user, season) -> set[int]:
    """The entries a conflict of interest keeps `user` (as a judge) from."""
    profile = profile_of(user, season)
    if profile is None:
        return set()
    return set(
        Conflict.objects.filter(judge=profile, status__in=BLOCKING_STATUSES).values_list(
            "entry_id", flat=True
        )
    )


def localized(obj, field: str = "name") -> str:
    """An engine object's bilingual field (name_zh/name_en) in the reader's language."""
    zh = getattr(obj, f"{field}_zh", "")
    en = getattr(obj, f"{field}_en", "")
    if (get_language() or "").startswith("en"):
        return en or zh
    return zh or en


def number(value, places: int = 2) -> str:
    """A Decimal or float for people ("—" when missing)."""
    if value is None:
        return "—"
    try:
        if value != value:  # NaN
            return "—"
    except TypeError:
        return "—"
    return f"{float(value):.{places}f}"


def percent(p) -> str:
    return "—" if p is None else f"{float(p) * 100:.0f}%"


def interval(pair) -> str:
    if not pair:
        return "—"
    lo, hi = pair
    return str(lo) if lo == hi else f"{lo}–{hi}"
