"""Carrying an import's plans out: each row in its own savepoint, inside the
caller's transaction; a row that still fails is a problem, and the caller
rolls everything back."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus
from ccaward.applications.excel.plan import Plan
from ccaward.applications.excel.report import ImportProblem, ImportReport
from ccaward.applications.models import ContactCenter, Entry, Organization
from ccaward.core import drafts
from ccaward.engine.names import normalize_name


def _set_answers(entry: Entry, plan: Plan, *, form, by, now) -> Entry:
    """The draft takes the row's answers in the current form version (and is
    submitted when the row says so)."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(
            pgettext("import", "This application was submitted while the file was imported.")
        )
    entry.form = form
    entry.saved_at = now
    entry.save(update_fields=["form", "saved_at", *drafts.replace(entry, plan.answers)])
    if plan.submit:
        domain.record_submission(
            entry=entry, result=plan.result, by=by, at=now, data={"import": True}
        )
    return entry


def _start(plan: Plan, *, season, by, orgs: dict, centers: dict, added: dict) -> Entry:
    """Start the row's application (`domain.start_application`): in its center, or
    in a center and enterprise registered by an earlier row or registered now
    (the importing organizer does not become the enterprise's member)."""
    values = plan.center_values
    org = plan.org or orgs.get(plan.org_token)
    key = (plan.org_token, normalize_name(values.get("name", "")))
    center = plan.center or centers.get(key)
    entry = domain.start_application(
        season=season,
        category=plan.category,
        by=by,
        center=center,
        organization=org,
        enterprise_name=plan.org_name,
        credit_code=plan.credit_code,
        member=False,
        center_name=values.get("name", ""),
        industry=values.get("industry", ""),
        center_address=values.get("address", ""),
        year_started=values.get("year_started"),
        seats=values.get("seats"),
        answers=None if plan.restart is not None else plan.answers,
    )
    if org is None:
        added[("org", plan.org_token)] = entry.center.organization
    if center is None:
        added[("center", key)] = entry.center
    return entry


def write(plans: list[Plan], *, season, form, by, report: ImportReport) -> None:
    orgs: dict[tuple, Organization] = {}
    centers: dict[tuple, ContactCenter] = {}
    now = timezone.now()
    for plan in plans:
        added: dict = {}  # kept only when the row's savepoint is kept
        try:
            with transaction.atomic():
                if plan.existing is not None:
                    report.updated.append(
                        _set_answers(plan.existing, plan, form=form, by=by, now=now)
                    )
                    continue
                entry = _start(plan, season=season, by=by, orgs=orgs, centers=centers, added=added)
                if plan.restart is not None:
                    entry = _set_answers(entry, plan, form=form, by=by, now=now)
                    report.restarted.append(entry)
                    report.updated.append(entry)
                    continue
                if plan.submit:
                    domain.record_submission(
                        entry=entry,
                        result=domain.validation(entry),
                        by=by,
                        at=now,
                        data={"import": True},
                    )
                report.created.append(entry)
        except ValidationError as exc:
            report.problems.append(ImportProblem(" ".join(exc.messages), plan.row))
            continue
        for (kind, key), obj in added.items():
            (orgs if kind == "org" else centers)[key] = obj
