"""Starting an application (one function for the page, the API and the import),
restarting and withdrawing it, and the organizer's check for applicants who
may have entered twice."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications.domain.form_versions import current_form
from ccaward.applications.domain.organizations import add_center, register_organization
from ccaward.applications.domain.typed import prefill
from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import ContactCenter, Entry, Organization, validate_credit_code
from ccaward.core import audit
from ccaward.engine.names import normalize_name
from ccaward.recommendations.domain import link_entry
from ccaward.seasons.enums import CategoryKind

# model field -> start_application's argument, for the errors of a new enterprise or center
ENTERPRISE_ARGUMENTS = {"name": "enterprise_name"}
CENTER_ARGUMENTS = {"name": "center_name", "address": "center_address"}


class DuplicateEntry(ValidationError):
    """The contact center's application to the category is under way already
    (not withdrawn): `entry` is that application."""

    def __init__(self, entry: Entry):
        self.text = pgettext("validation", "This contact center has entered this category already.")
        super().__init__({"category": [self.text]})
        self.entry = entry


def require_open_to_applications(category) -> None:
    """Refuse (ValidationError on `category`) a special award: the organizers decide
    it, nobody applies for it."""
    if category.kind == CategoryKind.SPECIAL:
        raise ValidationError(
            {
                "category": pgettext(
                    "validation",
                    "%(category)s is decided by the organizers; it takes no applications.",
                )
                % {"category": category.name}
            }
        )


@transaction.atomic
def create_entry(
    *,
    season,
    category,
    center: ContactCenter,
    by,
    submit: bool = False,
    answers: dict | None = None,
) -> Entry:
    """Side effects: an Entry (a draft, or submitted) with its form version and the
    answers known already, linked recommendations, an audit event. Raises
    ValidationError for a special award's category (it takes no applications)."""
    require_open_to_applications(category)
    form = current_form(season)
    entry = Entry(season=season, category=category, center=center, form=form)
    entry.answers = {**prefill(form.parsed, center), **(answers or {})}
    if submit:
        entry.status = EntryStatus.SUBMITTED
        entry.submitted_at = timezone.now()
    entry.full_clean()
    entry.save()
    audit.record(
        actor=by,
        action="entry.created",
        season=season,
        obj=entry,
        summary=f"{center.name} → {category.name_zh}",
        data={"status": entry.status, **entry.audit_names()},
    )
    link_entry(entry)
    return entry


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


def _check_new_center(
    *, organization, enterprise_name: str, credit_code: str, center_name: str, industry: str
) -> None:
    """Raise ValidationError naming each missing or malformed argument at once."""
    errors: dict[str, list] = {}
    if organization is None:
        if not enterprise_name:
            errors["enterprise_name"] = [
                pgettext("validation", "Choose an enterprise or name a new one.")
            ]
        if credit_code:
            try:
                validate_credit_code(credit_code)
            except ValidationError as exc:
                errors["credit_code"] = exc.error_list
    if not center_name:
        errors["center_name"] = [
            pgettext("validation", "Choose a contact center or name a new one.")
        ]
    if not industry:
        errors["industry"] = [pgettext("validation", "Choose the industry.")]
    if errors:
        raise ValidationError(errors)


def _new_center(
    *,
    by,
    organization: Organization | None,
    enterprise_name: str,
    credit_code: str,
    member: bool,
    **values,
) -> ContactCenter:
    """Register the center (and its enterprise when `organization` is None)."""
    if organization is None:
        try:
            organization = register_organization(
                by=by, member=member, name=enterprise_name, credit_code=credit_code
            )
        except ValidationError as exc:
            raise _renamed(exc, ENTERPRISE_ARGUMENTS) from None
    try:
        return add_center(organization=organization, by=by, **values)
    except ValidationError as exc:
        raise _renamed(exc, CENTER_ARGUMENTS) from None


@transaction.atomic
def start_application(
    *,
    season,
    category,
    by,
    center: ContactCenter | None = None,
    organization: Organization | None = None,
    enterprise_name: str = "",
    credit_code: str = "",
    center_name: str = "",
    industry: str = "",
    center_address: str = "",
    year_started: int | None = None,
    seats: int | None = None,
    member: bool = True,
    answers: dict | None = None,
) -> Entry:
    """Start `center`'s application to `category`; without `center`, register a new
    center (`center_name`, `industry`, optionally `center_address`, `year_started`,
    `seats`) in `organization`, or in a new enterprise (`enterprise_name`,
    optionally `credit_code`; `by` becomes its member unless `member` is false,
    as for an organizer's import).

    A withdrawn application of the same center and category is restarted (a draft
    again, its answers kept); one under way is refused with DuplicateEntry.
    `answers` are those of a new application, over what is known of the
    enterprise and the center. Whose enterprises and centers these may be is the
    caller's check.

    Raises ValidationError naming the arguments that are missing or wrong, or the
    category when it is a special award (decided by the organizers).
    Side effects: the enterprise and the center when new, the Entry (new, or
    restarted) with linked recommendations, audit events.
    """
    require_open_to_applications(category)
    if center is None:
        enterprise_name, center_name = enterprise_name.strip(), center_name.strip()
        credit_code = credit_code.strip().upper()
        _check_new_center(
            organization=organization,
            enterprise_name=enterprise_name,
            credit_code=credit_code,
            center_name=center_name,
            industry=industry or "",
        )
        extra = {"year_started": year_started, "seats": seats}
        center = _new_center(
            by=by,
            organization=organization,
            enterprise_name=enterprise_name,
            credit_code=credit_code,
            member=member,
            name=center_name,
            industry=industry,
            address=center_address,
            **{k: v for k, v in extra.items() if v is not None},
        )
    existing = Entry.objects.select_for_update().filter(category=category, center=center).first()
    if existing is None:
        return create_entry(season=season, category=category, center=center, by=by, answers=answers)
    if existing.status != EntryStatus.WITHDRAWN:
        raise DuplicateEntry(existing)
    return restart(entry=existing, by=by)


@transaction.atomic
def restart(*, entry: Entry, by) -> Entry:
    """A withdrawn application becomes a draft again (its answers kept).

    Side effects: status, an audit event."""
    if entry.status != EntryStatus.WITHDRAWN:
        raise ValidationError(pgettext("validation", "Only a withdrawn application can restart."))
    entry.status = EntryStatus.DRAFT
    entry.submitted_at = None
    entry.save(update_fields=["status", "submitted_at"])
    audit.record(
        actor=by,
        action="entry.restarted",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
        data=entry.audit_names(),
    )
    return entry


@transaction.atomic
def withdraw(*, entry: Entry, by) -> Entry:
    """Side effects: status (once), an audit event."""
    if entry.status in (EntryStatus.WITHDRAWN,):
        return entry
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    audit.record(
        actor=by,
        action="entry.withdrawn",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
        data=entry.audit_names(),
    )
    return entry


def duplicates(entries) -> dict[int, list[str]]:
    """Entries that may be the same applicant twice: another enterprise with the
    same credit code, or another center with the same name. `entries` is a queryset
    of entries (read as a few columns, not as objects). Returns entry id ->
    reasons (codes "credit_code" / "center_name")."""
    rows = [
        (pk, center, normalize_name(name), org, (code or "").strip().upper())
        for pk, center, name, org, code in entries.order_by().values_list(
            "pk",
            "center_id",
            "center__name",
            "center__organization_id",
            "center__organization__credit_code",
        )
    ]
    by_code: dict[str, set[int]] = {}
    by_name: dict[str, set[int]] = {}
    for _pk, center, name, org, code in rows:
        if code:
            by_code.setdefault(code, set()).add(org)
        by_name.setdefault(name, set()).add(center)
    out: dict[int, list[str]] = {}
    for pk, _center, name, _org, code in rows:
        reasons = []
        if code and len(by_code.get(code, ())) > 1:
            reasons.append("credit_code")
        if len(by_name.get(name, ())) > 1:
            reasons.append("center_name")
        if reasons:
            out[pk] = reasons
    return out
