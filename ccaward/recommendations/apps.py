from ccaward.core.plugins import StageApp


class RecommendationsConfig(StageApp):
    default = True
    name = "ccaward.recommendations"
    label = "recommendations"
    verbose_name = "Expert recommendations"
