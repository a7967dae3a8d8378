"""Numbers and addresses read from the application (企业总机 may be a switchboard)
are marked unconfirmed until an organizer confirms or edits them; planning warns
and still plans; an edit reaches the planned contacts not yet begun."""

from __future__ import annotations

from django.urls import reverse

from ccaward.mystery.domain import planning
from ccaward.mystery.models import Contact


def url(name, season, *args):
    return reverse(f"mystery:{name}", args=[season.slug, *args])


def test_targets_from_the_application_are_unconfirmed_and_planning_warns(
    season, organizer, entries, shopper_profiles, plan_settings, library_scenario, client_en
):
    settings = planning.plan_settings(season)
    assert planning.entry_plan(entries[0], settings)["unconfirmed"] == ["voice"]
    client = client_en(organizer)
    page = client.post(url("plan_run", season), follow=True).content.decode()
    assert "not yet confirmed" in page and "甲客服中心" in page
    assert Contact.objects.filter(season=season).count() == 12  # planned all the same
    assert "From the application, unconfirmed" in page
    entry_page = client.get(url("plan_entry", season, entries[0].pk)).content.decode()
    assert "From the application, unconfirmed" in entry_page and "95500" in entry_page


def test_confirming_or_editing_the_targets(season, organizer, entries, plan, client_en):
    client = client_en(organizer)
    first, second = entries[0], entries[1]
    confirm = {"confirm_targets": "on", "version": planning.plan_settings(season).version}
    assert client.post(url("plan_entry", season, first.pk), confirm).status_code == 302
    settings = planning.plan_settings(season)
    assert planning.entry_plan(first, settings)["unconfirmed"] == []
    assert planning.entry_plan(first, settings)["targets"]["voice"] == "95500"
    edit = {"target_voice": "95566", "version": settings.version}
    assert client.post(url("plan_entry", season, second.pk), edit).status_code == 302
    voice = Contact.objects.filter(entry=second, channel="voice")
    assert voice.exists() and set(voice.values_list("target", flat=True)) == {"95566"}
