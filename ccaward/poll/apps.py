from ccaward.core.plugins import StageApp


class PollConfig(StageApp):
    default = True
    name = "ccaward.poll"
    label = "poll"
    verbose_name = "Public poll"
    # its pages name their own prefixes: the public poll (awards/<slug>/poll/), which
    # needs no login, and the organizers' page (seasons/<slug>/poll/)
    url_prefix = ""
