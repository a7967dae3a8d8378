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
