from ccaward.core.plugins import StageApp


class JudgingConfig(StageApp):
    default = True
    name = "ccaward.judging"
    label = "judging"
    verbose_name = "Judging"
