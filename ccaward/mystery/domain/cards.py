"""The season's scorecards (暗访评分表) as versions: version 1 is the shipped
default (engine/mystery/data/scorecard_default.yaml), made on first use; an
organizer uploads a YAML card, checked by the engine (every problem named by its
group/item path, the sum where points do not add up), which becomes the next
version. A version is never changed; new contacts use the newest, and the
contacts not yet begun (planned, no card) move to it when it is uploaded; a begun
card keeps the version it used."""

from __future__ import annotations

import json

import yaml
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, text
from ccaward.core.stale import RowChanged
from ccaward.engine.mystery import scorecard as engine
from ccaward.mystery.domain.problems import scorecard_problems
from ccaward.mystery.domain.scenarios import require_organizer
from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import REASON_MAX, Contact, ScorecardVersion

SOURCE_MAX = 200_000
UPLOAD_MAX_BYTES = 512 * 1024  # a card is a few KB; more is not a scorecard
# versions never change: a row's card is read once (keyed with its creation time too,
# so a row id used again, as after a rolled-back transaction, is not mistaken)
_CARDS: dict[tuple, engine.Scorecard] = {}


class ScorecardChanged(RowChanged):
    """A newer scorecard version was made since the uploader read the card."""

    message = "the scorecard changed since it was opened"
    fields = ("version",)


class ScorecardRefused(ValidationError):
    """An uploaded card the engine refused: `problems` are "path: message" lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__({"source": problems})


def default_source() -> str:
    return engine.DEFAULT_FILE.read_text(encoding="utf-8")


def _definition(data, version: int) -> dict:
    return {**data, "version": version}


def definition_of(row: ScorecardVersion) -> dict:
    """A version's card as plain data in the order it was written: read from its
    YAML source (PostgreSQL's jsonb keeps no key order, so groups and items read from
    the stored definition come back sorted by the length of their codes), else the
    stored definition."""
    if row.source:
        data = yaml.safe_load(row.source)
        if isinstance(data, dict):
            return _definition(data, row.version)
    return row.definition


def newest(season) -> ScorecardVersion | None:
    return ScorecardVersion.objects.filter(season=season).order_by("-version").first()


def scorecard_in_use(season) -> ScorecardVersion:
    """The newest version, or the shipped default as an unsaved version 1 (reading
    never writes)."""
    row = newest(season)
    if row is not None:
        return row
    data = yaml.safe_load(default_source())
    return ScorecardVersion(
        season=season, version=1, definition=_definition(data, 1), source=default_source()
    )


def current_scorecard(season) -> ScorecardVersion:
    """The newest version; version 1 from the shipped default made on first use.
    Side effects: the first call of a season writes that row and one audit event
    `mystery.scorecard_created`."""
    row = newest(season)
    if row is not None:
        return row
    default = scorecard_in_use(season)
    try:
        with transaction.atomic():
            default.save()
            audit.record(
                actor=None,
                action="mystery.scorecard_created",
                season=season,
                obj=default,
                summary="scorecard v1 from the default",
                data={"version": 1},
            )
    except IntegrityError:  # made meanwhile by another request
        return newest(season)
    return default


def engine_card(row: ScorecardVersion) -> engine.Scorecard:
    """The engine's card of a version (cached per row: versions never change)."""
    if row.pk is None:
        return engine.load_scorecard(definition_of(row))
    key = (row.pk, row.season_id, row.version, row.created_at)
    if key not in _CARDS:
        _CARDS[key] = engine.load_scorecard(definition_of(row))
    return _CARDS[key]


def versions(season) -> list[ScorecardVersion]:
    return list(
        ScorecardVersion.objects.filter(season=season)
        .select_related("created_by")
        .order_by("-version")
    )


def _refuse_aliases(source: str) -> None:
    """ScorecardRefused at the first YAML anchor or alias (line named), read from the
    event stream so nothing is composed or expanded: nested aliases would otherwise
    expand to billions of nodes when the data is walked."""
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ScorecardRefused(
                [
                    pgettext(
                        "validation",
                        "(file) line %(line)s: YAML anchors and aliases are not allowed.",
                    )
                    % {"line": event.start_mark.line + 1}
                ]
            )


def _parse(source) -> dict:
    """The uploaded text as plain data, or ScorecardRefused saying why not."""
    if isinstance(source, bytes):
        if len(source) > UPLOAD_MAX_BYTES:
            raise ScorecardRefused(
                [
                    pgettext("validation", "(file): at most %(n)s KB.")
                    % {"n": UPLOAD_MAX_BYTES // 1024}
                ]
            )
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScorecardRefused([pgettext("validation", "(file): not UTF-8 text.")]) from None
    if len(source) > SOURCE_MAX:
        raise ScorecardRefused(
            [pgettext("validation", "(file): at most %(n)s characters.") % {"n": SOURCE_MAX}]
        )
    text.check(source, field=pgettext("field", "Scorecard file"), multiline=True)
    try:
        _refuse_aliases(source)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise ScorecardRefused(
            [pgettext("validation", "(file): not YAML (%(error)s)") % {"error": exc}]
        ) from None
    try:
        json.dumps(data)
    except (TypeError, ValueError):
        raise ScorecardRefused(
            [pgettext("validation", "(file): only text, numbers, lists and mappings are allowed.")]
        ) from None
    return data


def upload_scorecard(
    *, season, source, by, note: str = "", base_version: int | None = None
) -> ScorecardVersion:
    """A new scorecard version from YAML text (organizers), checked by the engine:
    ScorecardRefused with every problem by path (and the sum where points do not
    add up), nothing written. `base_version`: the version the uploader read
    (ScorecardChanged when a newer one exists). Side effects: one ScorecardVersion
    (the newest + 1; the default becomes version 1 first if there was none), one
    audit event `mystery.scorecard_uploaded`; the contacts not yet begun (planned,
    no card) move to it, audited in that event (`moved`; the row's `moved` says
    how many)."""
    require_organizer(season, by)
    note = (note or "").strip()[:REASON_MAX]
    text.check(note, field=pgettext("field", "Note"))
    data = _parse(source)
    try:
        card = engine.load_scorecard(data)
    except engine.ScorecardError as exc:
        raise ScorecardRefused(scorecard_problems(exc.problems)) from None
    if isinstance(source, bytes):
        source = source.decode("utf-8-sig")
    with transaction.atomic():
        top = current_scorecard(season)
        top = ScorecardVersion.objects.select_for_update().get(pk=top.pk)
        if base_version is not None and base_version != top.version:
            raise ScorecardChanged(
                row=top, stored={"version": top.version}, sent={"version": base_version}
            )
        row = ScorecardVersion.objects.create(
            season=season,
            version=top.version + 1,
            definition=_definition(data, top.version + 1),
            source=source,
            note=note,
            created_by=by,
        )
        waiting = Contact.objects.filter(
            season=season, status=ContactStatus.PLANNED, cards__isnull=True
        ).exclude(scorecard=row)
        moved = sorted(waiting.values_list("pk", flat=True))
        Contact.objects.filter(pk__in=moved).update(
            scorecard=row, version=F("version") + 1, updated_at=timezone.now()
        )
        row.moved = len(moved)
        audit.record(
            actor=by,
            action="mystery.scorecard_uploaded",
            season=season,
            obj=row,
            summary=f"scorecard v{row.version}",
            data={
                "version": row.version,
                "name": {"zh": card.name_zh, "en": card.name_en},
                "moved": moved,
            },
        )
    return row


def yaml_of(row: ScorecardVersion) -> str:
    """The version's YAML as uploaded (or the default's)."""
    if row.source:
        return row.source
    return yaml.safe_dump(row.definition, allow_unicode=True, sort_keys=False)
