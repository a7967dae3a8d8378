"""What is published of a season (结果公布), read without writing: its publications,
the latest live one, and whether the results are frozen.

A live publication (not withdrawn) freezes the season's results: the counts,
casting decisions and special awards refuse changes until it is withdrawn. This
module reads only the results' tables, so every other part of the results may
ask it."""

from __future__ import annotations

from ccaward.results.models import Publication


def history(season) -> list[Publication]:
    """Every publication of the season, the latest first (withdrawn ones too)."""
    return list(
        Publication.objects.filter(season=season)
        .select_related("published_by", "withdrawn_by")
        .order_by("-number")
    )


def live(season) -> Publication | None:
    """The season's latest publication that is not withdrawn, or None."""
    return (
        Publication.objects.filter(season=season, withdrawn_at__isnull=True)
        .order_by("-number")
        .first()
    )


def frozen(season) -> bool:
    """Whether the season's results are published (a live publication exists):
    then counts, tie-breaks and special awards must not change."""
    return Publication.objects.filter(season=season, withdrawn_at__isnull=True).exists()


def withdrawn(season) -> list[Publication]:
    """The season's withdrawn publications, the latest first: what the public page
    says was withdrawn, and why."""
    return list(
        Publication.objects.filter(season=season, withdrawn_at__isnull=False).order_by("-number")
    )
