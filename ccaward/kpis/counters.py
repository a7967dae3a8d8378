from django.utils.translation import npgettext_lazy

from ccaward.kpis.models import KpiResult
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(
    StageKind.DATA_COLLECTION,
    npgettext_lazy(
        "count", "%(n)s entry with computed KPIs", "%(n)s entries with computed KPIs", "n"
    ),
)
def with_kpis(season):
    return KpiResult.objects.filter(entry__season=season).values("entry").distinct().count()
