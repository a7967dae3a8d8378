from ccaward.core.plugins import StageApp


class VisitsConfig(StageApp):
    default = True
    name = "ccaward.visits"
    label = "visits"
    verbose_name = "Site visits"
