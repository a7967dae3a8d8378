"""A center's own column mappings: made in the KPI page's mapping step from a stored
upload (its columns and first rows, a preview of the parsed rows and the findings),
saved for the center and reused by its later uploads. A mapping made here is plain
data (``engine.interactions.declarative``); the files the engine reads it with are
reached on a connection that reaches nothing else."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine import mappings
from ccaward.engine.interactions import declarative, preview, read_mapping
from ccaward.kpis.domain.policy import policy_for
from ccaward.kpis.domain.uploads import queue_upload
from ccaward.kpis.models import ColumnMapping, InteractionUpload
from ccaward.kpis.rules import DATA_STAGES
from ccaward.seasons import gates


def scratch_dir() -> str:
    """Where the engine keeps its working copies (inside DuckDB's spill directory)."""
    folder = settings.VAR_DIR / "duckdb"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def installed_spec(name: str) -> dict | None:
    """An installed mapping file as a page mapping to start from, when it is plain
    data (None for one with SQL in it, or an unknown name)."""
    try:
        spec = read_mapping(mappings.path_of(name))
        return declarative.check({k: v for k, v in spec.items() if k != "description"})
    except ValueError:
        return None


def sample_of(upload: InteractionUpload, *, header: bool = True) -> preview.Sample:
    """The stored file's columns and first rows, as they are."""
    return preview.sample(upload.file.path, header=header, scratch=scratch_dir())


def preview_of(upload: InteractionUpload, spec: dict) -> preview.Preview:
    """The first rows of the stored file parsed with ``spec`` (checked first: raises
    ValidationError), with the season's period, and what the rules found."""
    spec = checked(spec)
    return preview.preview(
        upload.file.path,
        spec,
        period=policy_for(upload.entry.season).period(),
        scratch=scratch_dir(),
    )


def checked(spec: dict) -> dict:
    """``spec`` as the loader takes it, or a ValidationError naming the key."""
    try:
        return declarative.check(spec)
    except declarative.MappingInvalid as exc:
        raise ValidationError(
            {
                "mapping": pgettext("validation", "The mapping is not valid (%(where)s): %(why)s")
                % {"where": exc.where, "why": exc.reason}
            }
        ) from exc


@transaction.atomic
def save_mapping(*, center, name: str, spec: dict, by, season=None) -> ColumnMapping:
    """Save the center's mapping ``name`` (a new one, or the one of that name
    replaced). Side effects: the ColumnMapping row, an audit event. Raises
    ValidationError for an empty name or a mapping that is not plain valid data."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": pgettext("validation", "Give the mapping a name.")})
    spec = checked(spec)
    mapping, created = ColumnMapping.objects.update_or_create(
        center=center,
        name=name[:100],
        defaults={"spec": spec, "created_by": by, "updated_at": timezone.now()},
    )
    audit.record(
        actor=by,
        action="kpi.mapping_saved",
        season=season,
        obj=mapping,
        summary=f"{center.name}: {mapping.name}",
        data={"created": created},
    )
    return mapping


@transaction.atomic
def map_upload(
    *, upload: InteractionUpload, column_mapping: ColumnMapping, by
) -> InteractionUpload:
    """Read a stored upload with the center's mapping and queue its computation.

    Needs a data stage open (an organizer passes a closed one; the audit event says
    so). Side effects: the upload's mapping and status, its Job and queued task, an
    audit event. Raises StageClosed, or ValidationError when the upload is not
    waiting for its mapping or the mapping is another center's.
    """
    entry = upload.entry
    note = gates.require_open(entry.season, *DATA_STAGES, by=by)
    if upload.status != InteractionUpload.Status.MAPPING:
        raise ValidationError(
            {"mapping": pgettext("validation", "This upload is no longer waiting for its mapping.")}
        )
    if column_mapping.center_id != entry.center_id:
        raise ValidationError({"mapping": pgettext("validation", "Unknown column mapping.")})
    upload.column_mapping = column_mapping
    upload.mapping_spec = column_mapping.spec
    queue_upload(upload, by)
    audit.record(
        actor=by,
        action="kpi.mapped",
        season=entry.season,
        obj=upload,
        summary=f"{entry.center.name}: {upload.original_name} · {column_mapping.name}",
        data={"mapping": column_mapping.name, **({"note": note} if note else {})},
    )
    return upload
