from django.utils.translation import npgettext_lazy

from ccaward.people.enums import Role
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


def _count(season, role):
    return season.roles.filter(role=role).count()


@stage_count(
    StageKind.REGISTRATION,
    npgettext_lazy("count", "%(n)s applicant member", "%(n)s applicant members", "n"),
)
def applicants(season):
    return _count(season, Role.APPLICANT)


@stage_count(StageKind.RECOMMENDATION, npgettext_lazy("count", "%(n)s judge", "%(n)s judges", "n"))
def judges(season):
    return _count(season, Role.JUDGE)


@stage_count(
    StageKind.MYSTERY_CALLS,
    npgettext_lazy("count", "%(n)s mystery shopper", "%(n)s mystery shoppers", "n"),
)
def shoppers(season):
    return _count(season, Role.MYSTERY_SHOPPER)


@stage_count(StageKind.SITE_VISITS, npgettext_lazy("count", "%(n)s judge", "%(n)s judges", "n"))
def visiting_judges(season):
    return _count(season, Role.JUDGE)
