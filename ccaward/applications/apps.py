from django.contrib.auth.signals import user_logged_in

from ccaward.core.plugins import StageApp


class ApplicationsConfig(StageApp):
    default = True
    name = "ccaward.applications"
    label = "applications"
    verbose_name = "Organizations, contact centers and entries"

    def ready(self):
        super().ready()
        # the domain loads models, so it is imported once the app registry is ready
        from ccaward.applications.receivers import join_on_sign_in

        user_logged_in.connect(join_on_sign_in, dispatch_uid="applications.join_pending")
