"""The season's audit log as a page: filtered by who, what, when and object, in pages;
and which background jobs the dashboard still shows."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core import audit_text
from ccaward.core.models import AuditEvent, Job

PER_PAGE = 50
# a finished job's card stays on the dashboard this long; the jobs page keeps it
JOB_CARD_MINUTES = 10


class AuditFilter(forms.Form):
    """The audit log's filters (a GET form: every field optional)."""

    actor = forms.ChoiceField(label=pgettext_lazy("audit filter", "Who"), required=False)
    action = forms.ChoiceField(label=pgettext_lazy("audit filter", "What"), required=False)
    since = forms.DateField(
        label=pgettext_lazy("audit filter", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=pgettext_lazy("audit filter", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = forms.CharField(
        label=pgettext_lazy("audit filter", "Object"),
        required=False,
        max_length=100,
        help_text=pgettext_lazy("audit filter", "A center, enterprise, category or e-mail"),
    )

    def __init__(self, data, *, events):
        super().__init__(data)
        anyone = [("", pgettext("audit filter", "Anyone"))]
        people = {}
        for actor_id, name, email in events.values_list(
            "actor_id", "actor__name", "actor_label"
        ).distinct():
            key = str(actor_id) if actor_id else "system"
            people[key] = name or (email if actor_id else pgettext("audit", "The system"))
        self.fields["actor"].choices = anyone + sorted(people.items(), key=lambda p: p[1])
        kinds = {a: audit_text.kind(a) for a in events.values_list("action", flat=True).distinct()}
        self.fields["action"].choices = [("", pgettext("audit filter", "Every kind"))] + sorted(
            kinds.items(), key=lambda k: k[1]
        )


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered(events, form: AuditFilter):
    """`events` narrowed by the form's valid filters."""
    if not form.is_valid():
        return events
    data = form.cleaned_data
    if data["actor"] == "system":
        events = events.filter(actor__isnull=True)
    elif data["actor"]:
        events = events.filter(actor_id=data["actor"])
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["since"]:
        events = events.filter(at__gte=_day_start(data["since"]))
    if data["until"]:
        events = events.filter(at__lt=_day_start(data["until"] + dt.timedelta(days=1)))
    if data["q"]:
        q = data["q"].strip()
        events = events.filter(
            Q(summary__icontains=q) | Q(actor_label__icontains=q) | Q(actor__name__icontains=q)
        )
    return events


def page_of(season, params) -> dict:
    """The page's context: the filter form, the page of events, the query without `page`."""
    events = AuditEvent.objects.filter(season=season).select_related("actor", "season")
    form = AuditFilter(params or None, events=AuditEvent.objects.filter(season=season))
    events = filtered(events, form)
    page = Paginator(events, PER_PAGE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page": page,
        "events": page.object_list,
        "query": query.urlencode(),
        "page_query": query.urlencode(),
    }


def dashboard_jobs(season, now=None):
    """The jobs whose cards the dashboard shows: running ones, and those that finished
    in the last few minutes."""
    now = now or timezone.now()
    recent = now - dt.timedelta(minutes=JOB_CARD_MINUTES)
    return Job.objects.filter(season=season).filter(
        Q(finished_at__isnull=True) | Q(finished_at__gte=recent)
    )[:5]
