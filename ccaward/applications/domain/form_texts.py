"""Changing the application form's wording in the page: section titles and
introductions, question labels and help texts, in Chinese and English.

Each change is a new version of the form (versions are never edited): entries
keep the version they were started with, new ones get the new version. The
change is made on the version the organizer opened; when another version was
installed meanwhile, FormChanged is raised and nothing is saved.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.applications.domain.form_versions import current_form, install_form
from ccaward.applications.models import ApplicationForm
from ccaward.core import audit
from ccaward.engine import appform

LANGUAGES = ("zh", "en")
# what can change: a section's texts and a question's texts
SECTION_TEXTS = ("title", "intro")
FIELD_TEXTS = ("label", "help")
REQUIRED = ("title", "label")  # their Chinese side cannot be empty


class FormChanged(Exception):
    """Another version of the form was installed since the page was opened."""

    def __init__(self, current: ApplicationForm):
        super().__init__(f"the form is at version {current.version}")
        self.current = current


def text_items(definition: Mapping, section_key: str) -> list[tuple[str, str, dict]]:
    """The editable texts of one section of a definition (raw data): (text key,
    kind, {zh, en}) with keys such as ``section.enterprise.title`` and
    ``field.company_name.help``. Raises KeyError for an unknown section."""
    for section in definition.get("sections") or []:
        if section.get("key") != section_key:
            continue
        out = []
        for kind in SECTION_TEXTS:
            out.append((f"section.{section_key}.{kind}", kind, _text(section.get(kind))))
        for f in section.get("fields") or []:
            for kind in FIELD_TEXTS:
                out.append((f"field.{f.get('key')}.{kind}", kind, _text(f.get(kind))))
        return out
    raise KeyError(section_key)


def _text(value) -> dict:
    value = value if isinstance(value, Mapping) else {}
    return {lang: str(value.get(lang) or "") for lang in LANGUAGES}


def _places(definition: dict) -> dict[str, dict]:
    """Text key -> the dict (section or field) that holds that text."""
    places = {}
    for section in definition.get("sections") or []:
        for kind in SECTION_TEXTS:
            places[f"section.{section.get('key')}.{kind}"] = section
        for f in section.get("fields") or []:
            for kind in FIELD_TEXTS:
                places[f"field.{f.get('key')}.{kind}"] = f
    return places


def check_texts(texts: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Problems of the texts typed, by text key: an unknown placeholder, a
    required Chinese text left empty."""
    problems = {}
    for key, value in texts.items():
        kind = key.rsplit(".", 1)[-1]
        unknown = sorted(
            {n for lang in LANGUAGES for n in appform.unknown_placeholders(value.get(lang, ""))}
        )
        if unknown:
            problems[key] = pgettext(
                "validation", "Unknown placeholder %(names)s: use {award}, {year} or {organizer}."
            ) % {"names": ", ".join("{" + n + "}" for n in unknown)}
        elif kind in REQUIRED and not (value.get("zh") or "").strip():
            problems[key] = pgettext("validation", "The Chinese text cannot be empty.")
    return problems


def apply_texts(definition: Mapping, texts: Mapping[str, Mapping[str, str]]) -> tuple[dict, dict]:
    """A copy of the definition with `texts` in place, and what changed
    (text key -> [old, new]). Raises ValidationError for an unknown text key."""
    data = copy.deepcopy(dict(definition))
    places = _places(data)
    changes = {}
    for key, value in texts.items():
        if key not in places:
            raise ValidationError(pgettext("validation", "Unknown text: %(key)s.") % {"key": key})
        kind = key.rsplit(".", 1)[-1]
        holder = places[key]
        old = _text(holder.get(kind))
        new = {lang: (value.get(lang) or "").strip() for lang in LANGUAGES}
        if new == old:
            continue
        changes[key] = [old, new]
        if any(new.values()):
            holder[kind] = new
        else:
            holder.pop(kind, None)
    return data, changes


@transaction.atomic
def change_form_texts(
    *, season, by, texts: Mapping[str, Mapping[str, str]], base_version: int | None, note: str = ""
) -> ApplicationForm:
    """Make the texts (text key -> {zh, en}) the wording of a new version of the
    season's form, made from the version numbered `base_version`.

    Raises FormChanged when the current version is no longer `base_version`
    (0: none installed yet, the default; None skips the check), ValidationError for an unknown text, a text naming an
    unknown placeholder or a required text left empty (nothing saved). Returns the
    current version unchanged when nothing differs.

    Side effects: a new ApplicationForm version (install_form, with its audit
    event), an audit event listing the changed texts.
    """
    latest = (
        ApplicationForm.objects.select_for_update()
        .filter(season=season)
        .order_by("-version")
        .first()
    )
    if base_version is not None and (latest.version if latest else 0) != base_version:
        raise FormChanged(latest or current_form(season))
    current = current_form(season)
    problems = check_texts(texts)
    if problems:
        raise ValidationError(problems)
    data, changes = apply_texts(current.definition, texts)
    if not changes:
        return current
    note = note or pgettext("form", "Wording changed")
    form = install_form(season=season, data=data, by=by, note=note[:300])
    audit.record(
        actor=by,
        action="application_form.texts_changed",
        season=season,
        obj=form,
        summary=f"v{current.version} → v{form.version}",
        data={"from": current.version, "version": form.version, "note": note, "changes": changes},
    )
    return form
