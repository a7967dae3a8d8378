"""The published ballots counted again by `ccaward tally` with the command line the
public page shows: the same winners as published."""

from __future__ import annotations

import json
import re
import shlex

from django.test import Client
from django.urls import reverse

from ccaward.cli import main
from ccaward.results.domain.publish import publish
from tests.results.publish_fixtures import ready  # noqa: F401


def test_the_command_on_the_page_counts_the_download_to_the_winners(
    ready,  # noqa: F811
    organizer,
    tmp_path,
    capsys,
    monkeypatch,
):
    season, *_ = ready
    publication = publish(season=season, by=organizer)
    client = Client()
    html = client.get(reverse("results:public", args=[season.slug])).content.decode()
    command = re.search(r"<code>(ccaward tally [^<]+)</code>", html).group(1)
    args = shlex.split(command)[1:]
    filename = args[1]
    (tmp_path / filename).write_bytes(
        client.get(reverse("results:public_ballots", args=[season.slug, 1])).content
    )
    monkeypatch.chdir(tmp_path)
    assert main(args) == 0
    counted = json.loads(capsys.readouterr().out)
    part = publication.snapshot["categories"][0]
    assert counted["winners"] == part["tally"]["winners"] == part["decision"]["winners"]
    assert counted["ranking"] == part["tally"]["ranking"]


def test_with_the_poll_the_command_reaches_the_published_decision(
    ready,  # noqa: F811
    organizer,
    tmp_path,
    capsys,
    monkeypatch,
):
    from django.utils import timezone

    from ccaward.poll.domain import policy as poll_policies
    from ccaward.poll.models import PollAccount, PollVote
    from ccaward.results.domain.count import count_category

    season, category, entries, _ = ready
    poll_policies.change_policy(season=season, by=organizer, values={"enabled": True, "weight": 30})
    for i, (entry, votes) in enumerate(((entries[2], 40), (entries[1], 25))):
        for n in range(votes):
            account = PollAccount.objects.create(
                season=season, email=f"v{i}-{n}@example.com", verified_at=timezone.now()
            )
            PollVote.objects.create(
                account=account, category=category, entry=entry, network="192.0.2.0/24"
            )
    count_category(category=category, by=organizer)
    publication = publish(season=season, by=organizer)
    client = Client()
    html = client.get(reverse("results:public", args=[season.slug])).content.decode()
    command = re.search(r"<code>(ccaward tally [^<]+)</code>", html).group(1)
    args = shlex.split(command)[1:]
    assert "--poll-weight" in args and args[args.index("--poll-weight") + 1] == "30"
    (tmp_path / args[1]).write_bytes(
        client.get(reverse("results:public_ballots", args=[season.slug, 1])).content
    )
    poll_file = client.get(reverse("results:public_poll", args=[season.slug, 1]))
    assert poll_file.status_code == 200
    (tmp_path / args[args.index("--poll") + 1]).write_bytes(poll_file.content)
    monkeypatch.chdir(tmp_path)
    assert main(args) == 0
    decision = json.loads(capsys.readouterr().out)["decision"]
    part = publication.snapshot["categories"][0]
    assert decision["winners"] == part["decision"]["winners"]
    published = {s["entry"]: s for s in part["decision"]["standings"]}
    for standing in decision["standings"]:
        assert standing["combined"] == published[standing["candidate"]]["combined"]
