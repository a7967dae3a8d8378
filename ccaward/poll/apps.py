from ccaward.core.plugins import StageApp


class PollConfig(StageApp):
    default = True
    name = "ccaward.poll"
    label = "poll"
    verbose_name = "Public poll"
    # its pages name their own prefixes: the public poll (awards/<slug>/poll/), which
    # needs no login, and the organizers' page (seasons/<slug>/poll/)
    url_prefix = ""

    def ready(self):
        super().ready()
        # the shortlist is the poll's list of entries: kept once the public has voted on it
        from ccaward.deliberation.domain.shortlist import lock_when
        from ccaward.poll.domain.votes import shortlist_lock

        lock_when(shortlist_lock)
