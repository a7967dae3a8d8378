"""The applications' part of `ccaward demo`, and the sample answers it fills forms with.

``entries`` is the demo step (enterprises, centers and entries with answers);
``centers`` and ``more_centers`` the rows it registers. ``sample`` answers a whole
form for one center (also for tests), from the question types (``sampler``), the
default form's own questions (``questions``), and the places, people and prose
of ``pools`` and ``prose``.
"""

from ccaward.applications.demo.centers import CENTERS
from ccaward.applications.demo.entries import demo_credit_code, entries
from ccaward.applications.demo.sample import sample_answers

__all__ = [
    "CENTERS",
    "demo_credit_code",
    "entries",
    "sample_answers",
]
