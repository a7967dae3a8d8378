from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ccaward.people"
    label = "people"
    verbose_name = "People and roles"

    def ready(self):
        from ccaward.people import counters  # noqa: F401  (dashboard counts)
