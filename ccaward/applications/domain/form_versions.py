"""The application form's versions: the shipped default, installing a new
version, the version an entry answers, and checking an entry's answers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from ccaward.applications.models import ApplicationForm, Entry
from ccaward.core import audit
from ccaward.engine import appform

DEFAULT_FORM = Path(__file__).parent.parent / "data" / "form_default.yaml"


@cache
def default_definition() -> dict:
    with DEFAULT_FORM.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    appform.load_definition(data)  # raises if the shipped file is broken
    return data


@transaction.atomic
def install_form(*, season, data: dict, by, note: str = "") -> ApplicationForm:
    """A new version of the season's form. Side effects: ApplicationForm, audit event.

    Raises ValidationError listing the definition's problems."""
    try:
        appform.load_definition(data)
    except appform.DefinitionError as exc:
        raise ValidationError(exc.problems) from None
    last = ApplicationForm.objects.filter(season=season).order_by("-version").first()
    form = ApplicationForm.objects.create(
        season=season,
        version=(last.version + 1) if last else 1,
        definition=data,
        note=note,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit.record(
        actor=by,
        action="application_form.installed",
        season=season,
        obj=form,
        summary=f"v{form.version}",
        data={"version": form.version},
    )
    return form


def current_form(season) -> ApplicationForm:
    """The newest version of the season's form (seed 003, installed on first use)."""
    form = ApplicationForm.objects.filter(season=season).order_by("-version").first()
    if form is None:
        form = install_form(
            season=season, data=default_definition(), by=None, note="seed 003 (default)"
        )
    return form


def form_to_read(season) -> ApplicationForm:
    """The newest version of the season's form, or (unsaved, version 0) the default
    it would install: for pages that only show the form. Writes nothing."""
    form = ApplicationForm.objects.filter(season=season).order_by("-version").first()
    return form or ApplicationForm(season=season, version=0, definition=default_definition())


def form_of(entry: Entry) -> ApplicationForm:
    """The form version the entry answers (an entry without one gets the current
    version). Side effect: the entry's form, when it had none."""
    if entry.form_id is None:
        entry.form = current_form(entry.season)
        entry.save(update_fields=["form"])
    return entry.form


def validation(entry: Entry) -> appform.Validation:
    return appform.validate(form_of(entry).parsed, entry.answers or {})
