from ccaward.core.plugins import StageApp


class SeasonsConfig(StageApp):
    default = True
    name = "ccaward.seasons"
    label = "seasons"
    verbose_name = "Seasons and framework"
