"""Each entry keeps the summary of its answers' checks beside them, refreshed by
every save of the answers or of the form version; the applications table reads
it and never validates the drafts it lists, and pages its rows with the filters kept."""

from __future__ import annotations

import importlib
import random
import re
from unittest import mock

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ccaward.applications import domain
from ccaward.applications.demo import sample_answers
from ccaward.applications.models import Entry
from ccaward.applications.views.entries import PER_PAGE
from ccaward.engine import appform
from tests.applications.test_flow import draft, fill_valid  # noqa: F401  (fixture)
from tests.factories import make_entry


def fresh(entry) -> dict:
    return Entry.objects.get(pk=entry.pk).summary


def test_a_save_of_the_answers_refreshes_the_stored_summary(draft, applicant):  # noqa: F811
    before = fresh(draft)
    assert before["total"] > 0 and not before["complete"]
    assert before == appform.summarize(domain.validation(draft))
    section, (done, total, missing, _errors) = next(
        (k, v) for k, v in before["sections"].items() if v[2]
    )
    defn = draft.form.parsed
    answers = sample_answers(defn, center=draft.center, rng=random.Random(3))
    keys = {k for f in defn.section(section).fields for k in f.answer_keys()}
    saved = domain.save_answers(
        entry=draft, by=applicant, answers={k: v for k, v in answers.items() if k in keys}
    )
    after = fresh(draft)
    assert after == saved.obj.summary == draft.summary
    assert after["sections"][section][0] > done
    assert after["sections"][section][2] < missing
    assert after == appform.summarize(domain.validation(Entry.objects.get(pk=draft.pk)))


def test_the_summary_follows_files_a_complete_form_and_a_new_form_version(
    draft,  # noqa: F811
    applicant,
):
    fill_valid(draft, applicant)
    assert fresh(draft)["complete"] and fresh(draft)["missing"] == 0
    # an entry given its form version afresh gets the summary of that version
    Entry.objects.filter(pk=draft.pk).update(form=None, summary={})
    entry = Entry.objects.get(pk=draft.pk)
    domain.form_of(entry)
    assert fresh(draft) == appform.summarize(domain.validation(entry))


def test_the_migration_fills_the_summary_of_existing_entries(draft):  # noqa: F811
    Entry.objects.filter(pk=draft.pk).update(summary={})
    migration = importlib.import_module("ccaward.applications.migrations.0004_entry_summary")
    migration.fill_summaries(apps, None)
    assert fresh(draft) == appform.summarize(domain.validation(draft))


def test_the_table_reads_the_stored_summary_without_validating(
    draft,  # noqa: F811
    organizer,
    applicant,
    client_en,
):
    summary = fresh(draft)
    for user in (organizer, applicant):
        with mock.patch.object(appform, "validate", side_effect=AssertionError("validated")):
            body = client_en(user).get(reverse("applications:list", args=[draft.season.slug]))
        assert body.status_code == 200
        text = body.content.decode()
        assert f"{summary['done']}/{summary['total']}" in text
        assert f"{summary['missing'] + summary['errors']} to fix" in text


def _table_queries(client, season) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("applications:list", args=[season.slug])).status_code == 200
    return len(ctx.captured_queries)


def test_the_table_runs_as_many_queries_for_100_entries_as_for_10(
    season, organizer, category, client_en
):
    c = client_en(organizer)
    for _ in range(10):
        make_entry(season=season, by=organizer, category=category, status="draft")
    ten = _table_queries(c, season)
    for _ in range(90):
        make_entry(season=season, by=organizer, category=category, status="draft")
    hundred = _table_queries(c, season)
    assert hundred == ten, (ten, hundred)
    assert ten <= 20


def test_the_table_pages_counts_and_keeps_its_filters(season, organizer, category, client_en):
    banks = [
        make_entry(season=season, by=organizer, category=category, status="draft")
        for _ in range(PER_PAGE + 3)
    ]
    for _ in range(2):
        make_entry(season=season, by=organizer, category=category, industry="insurance")
    make_entry(season=season, by=organizer, category=category, industry="banking")
    c = client_en(organizer)
    url = reverse("applications:list", args=[season.slug])
    body = c.get(url).content.decode()
    assert f"{len(banks) + 3} applications" in body
    assert body.count("<tr>") - 1 == PER_PAGE  # the header row and one page of rows
    assert f"showing 1–{PER_PAGE}" in body
    # the counts of the statuses honour the filters (all but the status)
    body = c.get(url + "?industry=insurance").content.decode()
    assert "2 applications match" in body
    assert re.search(r">Draft: 0<", body) and re.search(r">Submitted: 2<", body)
    body = c.get(url + "?industry=banking").content.decode()
    assert f"Draft: {len(banks)}<" in body and "Submitted: 1<" in body
    assert 'href="?industry=banking&amp;status=submitted"' in body
    # the pages' links keep the filters
    assert 'href="?industry=banking&amp;page=2"' in body
    second = c.get(url + "?industry=banking&page=2").content.decode()
    assert f"showing {PER_PAGE + 1}–{len(banks) + 1}" in second
    assert second.count("<tr>") - 1 == len(banks) + 1 - PER_PAGE
    assert 'aria-current="page">2<' in second
    # a status filter: the result count is the status's, the counts stay the others'
    body = c.get(url + "?industry=banking&status=submitted").content.decode()
    assert "1 application matches" in body and f"Draft: {len(banks)}<" in body
    # the duplicates filter narrows the query before the pages
    assert "No application matches" in c.get(url + "?dup=1").content.decode()
