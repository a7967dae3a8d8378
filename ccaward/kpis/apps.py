from ccaward.core.plugins import StageApp


class KpisConfig(StageApp):
    default = True
    name = "ccaward.kpis"
    label = "kpis"
    verbose_name = "KPI data and benchmarking"

    def ready(self):
        super().ready()
        from ccaward.kpis import lost_jobs  # noqa: F401  (connects its signal receiver)
