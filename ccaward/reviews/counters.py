"""Dashboard counts on the judging stage: reviews submitted and in draft."""

from django.utils.translation import npgettext_lazy

from ccaward.reviews.enums import ReviewStatus
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import JUDGING_STAGE


@stage_count(
    JUDGING_STAGE, npgettext_lazy("count", "%(n)s review submitted", "%(n)s reviews submitted", "n")
)
def submitted(season):
    return season.reviews.filter(status=ReviewStatus.SUBMITTED).count()


@stage_count(
    JUDGING_STAGE, npgettext_lazy("count", "%(n)s review in draft", "%(n)s reviews in draft", "n")
)
def drafts(season):
    return season.reviews.filter(status=ReviewStatus.DRAFT).count()
