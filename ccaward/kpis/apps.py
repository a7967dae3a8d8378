from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "ccaward.kpis"
    label = "kpis"
    verbose_name = "KPI data and benchmarking"

    def ready(self):
        from ccaward.kpis import counters, demo  # noqa: F401  (dashboard counts, demo step)
