from ccaward.core.plugins import StageApp


class MysteryConfig(StageApp):
    default = True
    name = "ccaward.mystery"
    label = "mystery"
    verbose_name = "Mystery calls"
