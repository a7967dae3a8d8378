from django.apps import AppConfig


class SeasonsConfig(AppConfig):
    name = "ccaward.seasons"
    label = "seasons"
    verbose_name = "Seasons and framework"

    def ready(self):
        from ccaward.seasons import counters, demo  # noqa: F401  (dashboard counts, demo step)
