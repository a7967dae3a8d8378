"""Time slots of mystery contacts: which slot a moment falls in, and the days of a
window a slot can be planned on. No Django.

Every local moment belongs to exactly one slot:

    night            22:00-08:00, any day
    *_peak           09:00-12:00 and 14:00-17:00
    *_offpeak        08:00-09:00, 12:00-14:00 and 17:00-22:00

weekday_* on working days, weekend_* on days off. A day is a working day when it is
Monday to Friday and not a holiday, or a make-up working day (调休, a Saturday or
Sunday worked in exchange for a holiday); the night belongs to no day type. The
peak hours are those of the typical inbound contact centre's intraday curve (the
morning and afternoon humps of the arrival pattern); off-peak the shoulders and
lunch; night the hours that only a 7x24 service covers.

A contact made in another slot than planned is flagged (`out_of_slot`), never
refused: the shopper could only call then, and the organizers decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from .plan import SLOTS

PEAK = ((dt.time(9), dt.time(12)), (dt.time(14), dt.time(17)))
NIGHT_STARTS = dt.time(22)
NIGHT_ENDS = dt.time(8)


def is_working_day(day: dt.date, holidays: Collection[dt.date] = (), workdays=()) -> bool:
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def slot_of(moment: dt.datetime, holidays: Collection[dt.date] = (), workdays=()) -> str:
    """The slot of a local (naive or aware, read as local) moment."""
    t = moment.time()
    if t >= NIGHT_STARTS or t < NIGHT_ENDS:
        return "night"
    kind = "weekday" if is_working_day(moment.date(), holidays, workdays) else "weekend"
    peak = any(start <= t < end for start, end in PEAK)
    return f"{kind}_{'peak' if peak else 'offpeak'}"


def slot_ends(slot: str, day: dt.date) -> dt.datetime:
    """The local moment a contact planned in `slot` on `day` can no longer be made
    in its slot: a night's (22:00 on `day` to 08:00 the next) at 08:00 on the next
    day, any other slot's at the end of its day. A contact still to be made after
    it is overdue."""
    ends = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0))
    return ends.replace(hour=NIGHT_ENDS.hour) if slot == "night" else ends


def is_overdue(slot: str, day: dt.date, now: dt.datetime) -> bool:
    """Whether a contact planned in `slot` on `day`, still to be made at the local
    (naive) moment `now`, is overdue: its slot has ended (`slot_ends`)."""
    return now >= slot_ends(slot, day)


def days_for(
    slot: str, start: dt.date, end: dt.date, holidays: Collection[dt.date] = (), workdays=()
) -> list[dt.date]:
    """The days from start to end (inclusive) a contact in `slot` can be planned on
    (a night is planned on the day it begins)."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot!r}")
    days = [start + dt.timedelta(d) for d in range((end - start).days + 1)]
    if slot == "night":
        return days
    working = slot.startswith("weekday")
    return [d for d in days if is_working_day(d, holidays, workdays) == working]


def spread_days(
    slots: list[str],
    start: dt.date,
    end: dt.date,
    holidays: Collection[dt.date] = (),
    workdays=(),
    phase: float = 0.5,
    taken: Collection[dt.date] = (),
) -> list[dt.date | None]:
    """A day for each of one entry's contacts (given by slot, in order), spread over
    the window across all its slots together: an entry is never called twice on one
    day while a day of that contact's slot is still free (`taken`: the days of its
    contacts kept from before count as used). None where the window has no day of
    that slot (a window of weekdays only and a weekend slot).

    The contacts are put in one order that interleaves the slots (the k-th of a
    slot's n contacts at (k + 0.5) / n), and the j-th of all N aims at (j + phase) / N
    of the window; each takes its slot's free day nearest to its aim (the earlier of
    two). 0.5 is the middle of each part; a phase drawn per entry (0 <= phase < 1)
    spreads the entries over the window instead of calling them all on one day."""
    if not 0 <= phase < 1:
        raise ValueError(f"phase {phase} is not in [0, 1)")
    out: list[dt.date | None] = [None] * len(slots)
    window = (end - start).days + 1
    options = {slot: days_for(slot, start, end, holidays, workdays) for slot in set(slots)}
    rank: dict[int, float] = {}
    for slot in options:
        idx = [i for i, s in enumerate(slots) if s == slot]
        rank.update({i: (k + 0.5) / len(idx) for k, i in enumerate(idx)})
    order = sorted(range(len(slots)), key=lambda i: (rank[i], i))
    used = set(taken)
    for j, i in enumerate(order):
        days = options[slots[i]]
        if not days:
            continue
        aim = start + dt.timedelta(min(window - 1, int((j + phase) * window / len(slots))))
        free = [d for d in days if d not in used] or days
        out[i] = min(free, key=lambda d: (abs((d - aim).days), d))
        used.add(out[i])
    return out
