from ccaward.core.plugins import StageApp


class DeliberationConfig(StageApp):
    default = True
    name = "ccaward.deliberation"
    label = "deliberation"
    verbose_name = "Deliberation"
