"""Accepting an upload of interaction records (and, optionally, agent states and
schedules): checked by content and size, stored, and queued for computation."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.applications import files
from ccaward.core import audit, jobs
from ccaward.engine import mappings, packages
from ccaward.kpis.domain.policy import policy_for
from ccaward.kpis.models import InteractionUpload
from ccaward.kpis.rules import DATA_STAGES
from ccaward.seasons import gates

# the kinds (by content, ``applications.files.sniff``) each file name may hold;
# any other name is read as CSV, which is text (no NUL byte in its first 8 KiB)
_EXPECTED = {
    ".parquet": ("parquet",),
    ".pq": ("parquet",),
    ".xlsx": ("xlsx", "xlsm"),
    ".xlsm": ("xlsx", "xlsm"),
    ".xls": ("xls",),
}


def _not_a_table(uploaded) -> str:
    """Why an uploaded file is not CSV, Excel or Parquet by its content ('' when it is)."""
    name = Path(uploaded.name).name
    suffix = Path(name).suffix.lower()
    try:  # a workbook's directory is checked here; the worker verifies it before reading
        kind = files.sniff(uploaded, limits=packages.WORKBOOK)
    except ValidationError as exc:
        return exc.messages[0]
    if suffix in _EXPECTED:
        if kind in _EXPECTED[suffix]:
            return ""
        return pgettext("validation", "%(name)s is not a %(kind)s file by its content.") % {
            "name": name,
            "kind": suffix.lstrip(".").upper(),
        }
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    binary = b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if kind is not None or binary:
        return pgettext(
            "validation",
            "%(name)s is not a text CSV file by its content (it holds binary data); "
            "upload CSV, Excel or Parquet.",
        ) % {"name": name}
    return ""


def too_large_message(season) -> str:
    return pgettext("validation", "The file is larger than %(mb)s MB.") % {
        "mb": policy_for(season).max_upload_mb
    }


def _check_files(*, policy, uploaded_file, mapping: str, agent_states, schedules) -> None:
    """Refuse (ValidationError naming the field) an empty, oversized or non-table
    file, an unknown mapping, or schedules without agent states."""
    if mapping not in mappings.registry():
        raise ValidationError({"mapping": pgettext("validation", "Unknown column mapping.")})
    if uploaded_file.size == 0:
        raise ValidationError({"file": pgettext("validation", "The file is empty.")})
    if schedules is not None and agent_states is None:
        raise ValidationError(
            {
                "schedules": pgettext(
                    "validation",
                    "Schedule adherence compares the schedules with the agent states: upload both.",
                )
            }
        )
    for field, f in (
        ("file", uploaded_file),
        ("agent_states", agent_states),
        ("schedules", schedules),
    ):
        if f is not None and (problem := _not_a_table(f)):
            raise ValidationError({field: problem})
    total = uploaded_file.size + sum(f.size for f in (agent_states, schedules) if f)
    if total > policy.max_upload_mb * 1024 * 1024:
        raise ValidationError({"file": too_large_message(policy.season)})


def queue_upload(upload, by) -> None:
    """Start the computation of a stored upload: its Job and queued task."""
    upload.status = InteractionUpload.Status.QUEUED
    upload.job = jobs.start(
        task="ccaward.kpis.tasks.compute_upload_task",
        kind="kpi",
        season=upload.entry.season,
        requested_by=by,
        title="kpis.compute",
        title_params={"name": upload.original_name},
        upload_id=upload.pk,
    )
    upload.save(update_fields=["status", "job", "column_mapping", "mapping_spec"])


@transaction.atomic
def accept_upload(
    *,
    entry,
    uploaded_file,
    mapping: str,
    by,
    agent_states=None,
    schedules=None,
    column_mapping=None,
    to_map: bool = False,
) -> InteractionUpload:
    """Store an uploaded file (already streamed to disk by Django) and queue its computation.

    ``column_mapping``: the center's own mapping (a ColumnMapping) to read the records
    with, instead of the mapping file ``mapping``; ``to_map``: store the file and wait
    for its columns to be mapped in the page (``map_upload`` queues it then).
    Needs data collection or benchmarking open (an organizer passes a closed
    stage; the audit event says so). Side effects: the file under MEDIA_ROOT/kpi/,
    an InteractionUpload, a Job and its queued task (none while it waits for its
    mapping), an audit event. Raises StageClosed, or ValidationError for an empty,
    oversized or unreadable file.
    """
    note = gates.require_open(entry.season, *DATA_STAGES, by=by)
    policy = policy_for(entry.season)
    if column_mapping is not None and column_mapping.center_id != entry.center_id:
        raise ValidationError({"mapping": pgettext("validation", "Unknown column mapping.")})
    _check_files(
        policy=policy,
        uploaded_file=uploaded_file,
        mapping=mapping,
        agent_states=agent_states,
        schedules=schedules,
    )
    upload = InteractionUpload(
        entry=entry,
        original_name=Path(uploaded_file.name).name[:255],
        size=uploaded_file.size,
        mapping=mapping,
        uploaded_by=by,
        column_mapping=column_mapping,
        mapping_spec=column_mapping.spec if column_mapping is not None else {},
        status=InteractionUpload.Status.MAPPING if to_map else InteractionUpload.Status.QUEUED,
    )
    upload.full_clean(exclude=["file"])
    upload.file.save(Path(uploaded_file.name).name, uploaded_file, save=False)
    if agent_states is not None:
        upload.agent_states_file.save(Path(agent_states.name).name, agent_states, save=False)
    if schedules is not None:
        upload.schedules_file.save(Path(schedules.name).name, schedules, save=False)
    upload.save()
    if not to_map:
        queue_upload(upload, by)
    audit.record(
        actor=by,
        action="kpi.uploaded",
        season=entry.season,
        obj=upload,
        summary=f"{entry.center.name}: {upload.original_name}",
        data={
            "size": upload.size,
            "mapping": column_mapping.name if column_mapping is not None else mapping,
            **({"to_map": True} if to_map else {}),
            **({"note": note} if note else {}),
        },
    )
    return upload
