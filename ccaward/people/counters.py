from django.utils.translation import pgettext_lazy

from ccaward.people.enums import Role
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


def _count(season, role):
    return season.roles.filter(role=role).count()


@stage_count(StageKind.REGISTRATION, pgettext_lazy("count", "applicant members"))
def applicants(season):
    return _count(season, Role.APPLICANT)


@stage_count(StageKind.RECOMMENDATION, pgettext_lazy("count", "judges"))
def judges(season):
    return _count(season, Role.JUDGE)


@stage_count(StageKind.MYSTERY_CALLS, pgettext_lazy("count", "mystery shoppers"))
def shoppers(season):
    return _count(season, Role.MYSTERY_SHOPPER)


@stage_count(StageKind.SITE_VISITS, pgettext_lazy("count", "judges"))
def visiting_judges(season):
    return _count(season, Role.JUDGE)
