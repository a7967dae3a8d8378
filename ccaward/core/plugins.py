"""What a pipeline app provides, found rather than listed.

An app of the season pipeline declares its AppConfig as a `StageApp`. When
Django is ready, each of these modules of the app is imported if it exists, and
registers what it holds:

- `counters.py`   its counts on the season dashboard (`seasons.dashboard.stage_count`)
- `demo.py`       its step of `ccaward demo` (`core.demo.demo_step`)
- `nav.py`        its links in the season's menu (`core.nav.nav_item`)
- `home.py`       its panels on a participant's home page (`seasons.homepage.home_panel`)
- `evidence.py`   its panels beside a judge's review form (`reviews.evidence.evidence_panel`)
- `audit_labels.py` `AUDIT_LABELS`: how its audit actions read in the log (each a
                  `core.audit_text.Label`: kind and sentence), `AUDIT_VALUES`: how its data
                  values read, `JOB_TEXTS`: its background jobs' titles and messages

and `urls.py` is mounted under `url_prefix`, `api.py`'s `router` under
`/api` + `api_prefix`, by config/urls.py and core/api.py, which name no app.
`rules.py` is found by django-rules' autodiscovery. So a new stage is a new app
and one line in INSTALLED_APPS.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps

from ccaward.core import audit_text, job_text

REGISTRIES = ("counters", "demo", "nav", "audit_labels", "home", "evidence")


class StageApp(AppConfig):
    # not a configuration of its own: each app's subclass is its default
    default = False
    url_prefix = "seasons/"
    api_prefix = "/seasons"

    def has(self, module: str) -> bool:
        return find_spec(f"{self.name}.{module}") is not None

    def ready(self):
        for module in REGISTRIES:
            if self.has(module):
                loaded = import_module(f"{self.name}.{module}")
                audit_text.register(
                    getattr(loaded, "AUDIT_LABELS", {}), getattr(loaded, "AUDIT_VALUES", {})
                )
                job_text.register(getattr(loaded, "JOB_TEXTS", {}))


def stage_apps() -> list[StageApp]:
    """The installed pipeline apps, in INSTALLED_APPS order."""
    return [c for c in apps.get_app_configs() if isinstance(c, StageApp)]
