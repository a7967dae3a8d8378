"""The season's own links in its menu (see core/nav.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=10,
    label=pgettext_lazy("nav", "Dashboard"),
    url_name="seasons:dashboard",
    current=("seasons:dashboard",),
)
nav_item(
    order=20,
    label=pgettext_lazy("nav", "Stages"),
    url_name="seasons:stages",
    permission="seasons.manage_stages",
    current=("seasons:stages",),
)
nav_item(
    order=30,
    label=pgettext_lazy("nav", "Categories"),
    url_name="seasons:categories",
    current=("seasons:categories", "seasons:category_edit", "seasons:category_create"),
)
nav_item(
    order=40,
    label=pgettext_lazy("nav", "Framework"),
    url_name="seasons:framework",
    current=("seasons:framework", "seasons:framework_version"),
)
nav_item(
    order=900,
    label=pgettext_lazy("nav", "People"),
    url_name="seasons:people",
    permission="people.view_people",
    current=("seasons:people",),
)
nav_item(
    order=950,
    label=pgettext_lazy("nav", "Audit log"),
    url_name="seasons:audit",
    permission="seasons.view_audit",
    current=("seasons:audit",),
)
