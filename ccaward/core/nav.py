"""The season's menu, filled by each app's nav.py.

`nav_item(order=..., label=..., url_name=..., permission=..., current=...)`
adds a link; the menu shows the links the person's rules allow, in `order`.
`current` names the URL names (as "app:name", or "app:" for every page of an
app) on which the link is marked as the current page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    order: int
    label: object
    url_name: str
    permission: str | None = None
    current: tuple[str, ...] = ()

    def is_current(self, match) -> bool:
        if match is None:
            return False
        here = f"{match.app_name}:{match.url_name}"
        return any(
            here == c or (c.endswith(":") and match.app_name == c[:-1]) for c in self.current
        )


ITEMS: list[NavItem] = []


def nav_item(**values) -> NavItem:
    item = NavItem(**values)
    ITEMS[:] = sorted(
        [*(i for i in ITEMS if i.url_name != item.url_name), item], key=lambda i: i.order
    )
    return item


def links(user, season, match) -> list[tuple[NavItem, str, bool]]:
    """(item, url, is current) for each link `user` may follow in `season`."""
    return [
        (item, reverse(item.url_name, args=[season.slug]), item.is_current(match))
        for item in ITEMS
        if item.permission is None or user.has_perm(item.permission, season)
    ]
