"""The KPI policy page is linked from the KPI data page for organizers, and its service-level target
is typed as a percentage like the page's other rates (stored as a fraction)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from ccaward.kpis import domain

DATA = {
    "sl_seconds": "20",
    "abandon_treatment": "ignored",
    "short_abandon_seconds": "0",
    "fcr_days": "3",
    "bad_rows": "skip",
    "max_upload_mb": "100",
    "tolerance_points": "5",
    "min_peers": "5",
}


def test_the_target_is_typed_in_percent_and_stored_as_a_fraction(as_user, organizer, season):
    url = reverse("kpis:policy", args=[season.slug])
    client = as_user(organizer)
    html = client.get(url).content.decode()
    assert 'name="sl_target" value="80"' in html and "服务水平目标 X（%）" in html
    assert client.post(url, {**DATA, "sl_target": "85"}).status_code == 302
    assert domain.policy_for(season).sl_target == Decimal("0.85")
    assert 'name="sl_target" value="85"' in client.get(url).content.decode()
    response = client.post(url, {**DATA, "sl_target": "180"})
    assert response.status_code == 200
    assert domain.policy_for(season).sl_target == Decimal("0.85")


def test_the_kpi_data_page_links_the_policy_for_organizers_only(as_user, organizer, judge, season):
    url = reverse("kpis:policy", args=[season.slug])
    kpi_data = reverse("kpis:entries", args=[season.slug])
    assert f'href="{url}"' in as_user(organizer).get(kpi_data).content.decode()
    assert f'href="{url}"' not in as_user(judge).get(kpi_data).content.decode()
