"""The organizers' page: the policy form (the weight within the cap, fixed once the
poll has votes), the counts, the signals with their votes, and voiding chosen votes
or a signal's with a required reason. Organizers only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ccaward.core.audit_text import sentence
from ccaward.core.models import AuditEvent
from ccaward.poll.domain import policy_of, valid_counts, voiding
from ccaward.poll.domain.signals import signals_of
from ccaward.poll.models import PollVote
from ccaward.poll.views import manage
from ccaward.seasons.dashboard import counts_for
from ccaward.seasons.enums import StageKind
from tests.poll.conftest import votes_at


@pytest.fixture
def burst(poll_on, category, entries):
    """A steady trickle for every entry over two days, then 20 votes for 丙 in 40 s."""
    start = timezone.now() - dt.timedelta(days=2)
    for n, entry in enumerate(entries):
        times = [start + dt.timedelta(minutes=37 * i + 11 * n) for i in range(60)]
        votes_at(category, entry, times, network=f"10.0.{n}.0/24", tag=f"s{n}-")
    spike = timezone.now() - dt.timedelta(hours=3)
    spike = spike.replace(second=0, microsecond=0)
    return votes_at(
        category,
        entries[2],
        [spike + dt.timedelta(seconds=2 * i) for i in range(20)],
        network="203.0.113.0/24",
        tag="b",
    )


def test_organizers_see_the_page_others_do_not(
    client_en, poll_on, organizer, judge, applicant, outsider, category, entries
):
    url = reverse("poll:manage", args=[poll_on.slug])
    assert client_en(organizer).get(url).status_code == 200
    assert client_en(judge).get(url).status_code == 403
    assert client_en(applicant).get(url).status_code == 403
    assert client_en(outsider).get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, poll_on):
    response = client.get(reverse("poll:manage", args=[poll_on.slug]))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_menu_links_the_page_for_organizers(client_en, season, organizer, judge):
    dashboard = reverse("seasons:dashboard", args=[season.slug])
    url = reverse("poll:manage", args=[season.slug])
    assert url in client_en(organizer).get(dashboard).content.decode()
    assert url not in client_en(judge).get(dashboard).content.decode()


def test_the_policy_form(client_en, season, organizer):
    url = reverse("poll:manage", args=[season.slug])
    client = client_en(organizer)
    refused = client.post(url, {"version": 1, "enabled": "on", "weight": 35, "max_weight": 30})
    assert refused.status_code == 422
    assert "at most 30%" in refused.content.decode()
    saved = client.post(url, {"version": 1, "enabled": "on", "weight": 15, "max_weight": 30})
    assert saved.status_code == 302
    assert (policy_of(season).enabled, policy_of(season).weight) == (True, 15)
    stale = client.post(url, {"version": 1, "enabled": "on", "weight": 25, "max_weight": 30})
    assert stale.status_code == 409
    assert policy_of(season).weight == 15


def test_the_policy_is_shown_fixed_once_there_are_votes(client_en, burst, poll_on, organizer):
    url = reverse("poll:manage", args=[poll_on.slug])
    client = client_en(organizer)
    html = client.get(url).content.decode()
    assert "its policy is fixed" in html and 'name="weight"' not in html
    response = client.post(url, {"version": 2, "enabled": "on", "weight": 5, "max_weight": 30})
    assert response.status_code == 422
    assert policy_of(poll_on).weight == 20


def test_the_signals_and_counts_are_shown(client_en, burst, poll_on, organizer, category, entries):
    found = signals_of(category)
    kinds = {f.signal.kind for f in found}
    assert "burst" in kinds and "network" in kinds
    spike = next(f for f in found if f.signal.kind == "burst")
    assert {v.pk for v in burst} <= {v.pk for v in spike.votes}
    html = client_en(organizer).get(reverse("poll:manage", args=[poll_on.slug])).content.decode()
    assert "Burst: 20 votes for 丙客服中心" in html
    assert "One network: 20 accounts voted from 203.0.113.0/24" in html
    assert f'value="{burst[0].pk}"' in html


def test_voiding_a_whole_signal(client_en, burst, poll_on, organizer, category, entries):
    spike = next(f for f in signals_of(category) if f.signal.kind == "burst")
    url = reverse("poll:void", args=[poll_on.slug])
    client = client_en(organizer)
    ids = [v.pk for v in spike.votes]
    form = {"signal": spike.signal.key, "signal_votes": ",".join(map(str, ids)), "scope": "all"}
    refused = client.post(url, {**form, "reason": ""})
    assert refused.status_code == 422
    assert "Give the reason for voiding." in refused.content.decode()
    assert PollVote.objects.filter(voided_at__isnull=False).count() == 0
    done = client.post(url, {**form, "reason": "20 votes in 40 seconds from one network"})
    assert done.status_code == 302
    assert PollVote.objects.filter(voided_at__isnull=False).count() == len(ids)
    assert valid_counts(category)[entries[2].pk] == 60
    event = AuditEvent.objects.get(action="poll.votes.voided")
    assert event.data["signal"] == spike.signal.key and event.data["count"] == len(ids)
    assert not [f for f in signals_of(category) if f.signal.kind == "burst"]


def test_voiding_chosen_votes(client_en, burst, poll_on, organizer):
    client = client_en(organizer)
    chosen = [burst[0].pk, burst[1].pk]
    response = client.post(
        reverse("poll:void", args=[poll_on.slug]),
        {
            "votes": chosen,
            "signal_votes": ",".join(str(v.pk) for v in burst),
            "scope": "chosen",
            "reason": "同一网段",
        },
    )
    assert response.status_code == 302
    assert set(
        PollVote.objects.filter(voided_at__isnull=False).values_list("pk", flat=True)
    ) == set(chosen)


def test_a_judge_cannot_void(client_en, burst, poll_on, judge):
    response = client_en(judge).post(
        reverse("poll:void", args=[poll_on.slug]),
        {"votes": [burst[0].pk], "scope": "chosen", "reason": "x"},
    )
    assert response.status_code == 403
    assert PollVote.objects.filter(voided_at__isnull=False).count() == 0


def test_the_dashboard_counts_and_the_audit_log_read(burst, poll_on, organizer, category):
    with translation.override("en"):
        counts = counts_for(poll_on)[StageKind.VOTING]
        assert "200 public poll votes" in counts and "0 poll votes voided" in counts
        voiding.void_votes(season=poll_on, by=organizer, votes=[burst[0].pk], reason="同一网段")
        event = AuditEvent.objects.get(action="poll.votes.voided")
        assert sentence(event).endswith("voided 1 public poll votes: 同一网段")
        assert "1 poll vote voided" in counts_for(poll_on)[StageKind.VOTING]


def test_a_large_signal_is_listed_in_part_and_voided_whole(
    client_en, burst, poll_on, organizer, category, settings, monkeypatch
):
    """The page lists a signal's first votes; voiding the signal sends its votes in one
    field, so Django's limit on a request's fields is never reached."""
    monkeypatch.setattr(manage, "SHOWN", 5)
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = client_en(organizer)
    html = client.get(reverse("poll:manage", args=[poll_on.slug])).content.decode()
    assert "And 15 more votes, voided with the whole signal." in html
    spike = next(f for f in signals_of(category) if f.signal.kind == "burst")
    ids = ",".join(str(v.pk) for v in spike.votes)
    assert f'name="signal_votes" value="{ids}"' in html
    response = client.post(
        reverse("poll:void", args=[poll_on.slug]),
        {"signal": spike.signal.key, "signal_votes": ids, "scope": "all", "reason": "突增"},
    )
    assert response.status_code == 302
    assert PollVote.objects.filter(voided_at__isnull=False).count() == len(spike.votes) == 20
