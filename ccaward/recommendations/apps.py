from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "ccaward.recommendations"
    label = "recommendations"
    verbose_name = "Expert recommendations"

    def ready(self):
        from ccaward.core.models import ACTION_LABELS
        from ccaward.recommendations import counters, demo  # noqa: F401  (dashboard counts, demo step)
        from ccaward.recommendations.domain import AUDIT_LABELS

        ACTION_LABELS.update(AUDIT_LABELS)
