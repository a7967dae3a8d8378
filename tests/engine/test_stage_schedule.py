import datetime as dt

from ccaward.engine import schedule

T0 = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def stage(kind="registration", a=0, b=10, override=""):
    return schedule.StageTimes(kind, T0 + a * DAY, T0 + b * DAY, override)


def test_state_follows_the_clock():
    s = stage()
    assert schedule.state(s, T0 - DAY) == "upcoming"
    assert schedule.state(s, T0) == "open"
    assert schedule.state(s, T0 + 9 * DAY) == "open"
    assert schedule.state(s, T0 + 10 * DAY) == "closed"


def test_early_open_and_early_close():
    assert schedule.state(stage(override="open"), T0 - 5 * DAY) == "open"
    assert schedule.state(stage(override="open"), T0 + 11 * DAY) == "closed"
    assert schedule.state(stage(override="closed"), T0 + DAY) == "closed"


def test_overlapping_stages_are_open_together():
    stages = [stage("registration", 0, 10), stage("recommendation", 5, 20), stage("voting", 30, 31)]
    assert schedule.open_now(stages, T0 + 6 * DAY) == ["registration", "recommendation"]


def test_dates_out_of_order_are_named():
    problems = schedule.date_problems([stage("a", 0, 10), stage("b", 5, 4), stage("c", 3, 3)])
    assert problems == [("b", "closes before it opens"), ("c", "opens and closes at once")]


def test_progress_is_clamped():
    s = stage()
    assert schedule.progress(s, T0 - DAY) == 0.0
    assert schedule.progress(s, T0 + 5 * DAY) == 0.5
    assert schedule.progress(s, T0 + 20 * DAY) == 1.0
