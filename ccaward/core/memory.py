"""The background worker's memory limit.

``ccaward manage worker`` (what ``ccaward serve`` starts) limits its own address
space to ``CCAWARD_WORKER_MEMORY_MB`` before it takes tasks, so a computation that
would need more fails with MemoryError instead of taking the machine; ``jobs.run``
turns that into a clear failure on the job. The KPI engine keeps to its own
``memory_limit`` (``kpis.domain.computation.MEMORY_LIMIT``, 1 GB), well inside it.
"""

from __future__ import annotations

import resource

from django.conf import settings
from django.utils.translation import pgettext

MiB = 1024 * 1024


def limit(mb: int) -> None:
    """Limit this process's address space to ``mb`` MB (never above a hard limit
    already set)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mb * MiB
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def limit_mb() -> int:
    """The limit in force for this process, in MB (the setting's value when none is)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return settings.WORKER_MEMORY_MB
    return soft // MiB


def exhausted_message() -> str:
    return pgettext(
        "job",
        "The computation needed more memory than the worker may use (%(mb)s MB).",
    ) % {"mb": limit_mb()}
