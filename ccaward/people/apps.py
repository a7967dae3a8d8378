from ccaward.core.plugins import StageApp


class PeopleConfig(StageApp):
    default = True
    name = "ccaward.people"
    label = "people"
    verbose_name = "People and roles"
    url_prefix = "accounts/"
