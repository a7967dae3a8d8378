from importlib import import_module

from ccaward.core.plugins import StageApp


class ReviewsConfig(StageApp):
    default = True
    name = "ccaward.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        super().ready()
        # the application's and the KPIs' panels beside the review form
        import_module("ccaward.reviews.evidence_panels")
