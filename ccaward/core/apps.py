from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ccaward.core"
    label = "core"
    verbose_name = "ccaward core"

    def ready(self):
        from ccaward.core import checks  # noqa: F401  (registers system checks)
