"""KPI data and the benchmark board in the season's menu (see core/nav.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=200,
    label=pgettext_lazy("nav", "KPI data"),
    url_name="kpis:entries",
    permission="kpis.view_entries",
    current=("kpis:entries", "kpis:entry"),
)
nav_item(
    order=300,
    label=pgettext_lazy("nav", "Benchmark"),
    url_name="kpis:board",
    permission="kpis.view_benchmark",
    current=("kpis:board",),
)
