from ccaward.core.plugins import StageApp


class ResultsConfig(StageApp):
    default = True
    name = "ccaward.results"
    label = "results"
    verbose_name = "Voting and results"
    # its pages name their own prefixes: the season's (seasons/<slug>/voting/...) and
    # the public results page (awards/<slug>/), which needs no login
    url_prefix = ""

    def ready(self):
        super().ready()
        # the shortlist is the vote's list of candidates: kept once a ballot names it
        from ccaward.deliberation.domain.shortlist import lock_when
        from ccaward.results.domain.ballots import shortlist_lock

        lock_when(shortlist_lock)
