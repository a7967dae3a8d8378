"""Blind review (JudgingPolicy.blind): what a judge does not see of an entry.

Hidden everywhere a judge looks (the form, the evidence, the list, the API): the
entry's name, its enterprise and center, their addresses, the people's names and
contact details. An entry is then shown by its code ("E-0012"). The
application's answers lose the questions that identify (the enterprise and
form-filler sections, every phone, e-mail and web address, the questions that
fill the enterprise's and center's names and addresses) and their attachments;
in the answers that remain, every identifying text that appears is replaced."""

from __future__ import annotations

import re

from django.utils.translation import pgettext

from ccaward.judging.models import JudgingPolicy

# seed 003's sections that identify the enterprise and the person filling in the form
HIDDEN_SECTIONS = frozenset({"enterprise", "filler"})
HIDDEN_TYPES = frozenset({"phone", "email", "url"})
HIDDEN_MAPS = ("organization.", "center.name", "center.address")
SHORTEST_SECRET = 2


def policy_of(season) -> JudgingPolicy:
    """The season's judging policy, or its defaults (unsaved) before one is set."""
    return JudgingPolicy.objects.filter(season=season).first() or JudgingPolicy(season=season)


def entry_code(entry) -> str:
    return f"E-{entry.pk:04d}"


def hidden_field(field) -> bool:
    """Whether a question of the application form identifies the entry."""
    maps = str(field.maps_to or "") if not isinstance(field.maps_to, dict) else ""
    return (
        field.section in HIDDEN_SECTIONS
        or field.type in HIDDEN_TYPES
        or any(maps.startswith(m) for m in HIDDEN_MAPS)
    )


def secrets_of(entry, defn=None) -> list[str]:
    """Every text that identifies `entry`, longest first."""
    center = entry.center
    org = center.organization
    found = [
        org.name,
        org.name_en,
        org.credit_code,
        org.website,
        org.address,
        org.wechat,
        center.name,
        center.address,
        *org.pending_emails,
    ]
    for user in org.members.all():
        found += [user.email, getattr(user, "name", "")]
    if defn is not None:
        answers = entry.answers or {}
        for field in defn.fields.values():
            if hidden_field(field) and field.type not in ("file", "info"):
                value = answers.get(field.key)
                found += value if isinstance(value, list) else [value]
    return sorted(
        {str(s).strip() for s in found if s and len(str(s).strip()) >= SHORTEST_SECRET},
        key=len,
        reverse=True,
    )


def redact(text, secrets: list[str]):
    """`text` with each of `secrets` replaced by a mark (a non-text value is kept)."""
    if not isinstance(text, str) or not text or not secrets:
        return text
    mark = pgettext("blind review", "[withheld]")
    pattern = re.compile("|".join(re.escape(s) for s in secrets), re.IGNORECASE)
    return pattern.sub(mark, text)


def entry_label(entry, blind: bool) -> str:
    """How an entry is named to a judge: its code when blind, else the center's name."""
    return entry_code(entry) if blind else f"{entry.center.name}"
