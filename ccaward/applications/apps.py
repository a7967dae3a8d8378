from ccaward.core.plugins import StageApp


class ApplicationsConfig(StageApp):
    default = True
    name = "ccaward.applications"
    label = "applications"
    verbose_name = "Organizations, contact centers and entries"
