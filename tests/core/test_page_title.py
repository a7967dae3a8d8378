"""A page's title names the page, then the product: "评选活动 · ccaward"."""

import re

from django.urls import reverse


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_a_page_title_is_the_page_then_the_product(client, organizer, season):
    client.force_login(organizer)
    title = _title(client.get(reverse("seasons:dashboard", args=[season.slug])))
    assert title.endswith(" · ccaward") and len(title) > len(" · ccaward")
    client.logout()
    assert _title(client.get("/accounts/login/")).endswith(" · ccaward")
