from ccaward.core.plugins import StageApp


class ResultsConfig(StageApp):
    default = True
    name = "ccaward.results"
    label = "results"
    verbose_name = "Voting and results"
    # its pages name their own prefixes: the season's (seasons/<slug>/voting/...) and
    # the public results page (awards/<slug>/), which needs no login
    url_prefix = ""
