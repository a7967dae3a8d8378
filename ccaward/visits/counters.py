"""Dashboard counts on the site-visit stage (入户评审)."""

from django.utils.translation import npgettext_lazy

from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind
from ccaward.visits.enums import VisitStatus


@stage_count(
    StageKind.SITE_VISITS,
    npgettext_lazy("count", "%(n)s site visit scheduled", "%(n)s site visits scheduled", "n"),
)
def scheduled(season):
    return season.visits.exclude(status=VisitStatus.CANCELLED).count()


@stage_count(
    StageKind.SITE_VISITS,
    npgettext_lazy("count", "%(n)s site visit done", "%(n)s site visits done", "n"),
)
def done(season):
    return season.visits.filter(status=VisitStatus.DONE).count()
