from ccaward.core.plugins import StageApp


class KpisConfig(StageApp):
    default = True
    name = "ccaward.kpis"
    label = "kpis"
    verbose_name = "KPI data and benchmarking"
