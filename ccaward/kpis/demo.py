"""Demo: simulated interaction records for every submitted demo entry, computed
like an upload, so every KPI page and the benchmark board have real figures.
Data collection is opened early, so the demo applicant can upload records too."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.core.files import File

from ccaward.applications import domain as applications
from ccaward.applications.enums import COMPETING
from ccaward.core import drafts
from ccaward.core.demo import DemoContext, demo_step
from ccaward.engine.simulate import agent_states_path, schedules_path, simulate
from ccaward.kpis import domain
from ccaward.kpis.models import InteractionUpload
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind

DEMO_DAYS = 7


@demo_step(40)
def kpi_records(ctx: DemoContext) -> None:
    competing = [e for e in ctx.entries if e.status in COMPETING]
    if not competing:
        return
    seasons.override_stage(
        stage=ctx.season.stages.get(kind=StageKind.DATA_COLLECTION),
        by=ctx.users["organizer"],
        action="open",
        reason="提前开放：已提交申报的客户中心可上传运营数据",
    )
    with tempfile.TemporaryDirectory(prefix="ccaward-demo-") as tmp:
        start = ctx.now.date() - dt.timedelta(days=DEMO_DAYS + 30)  # last month's operations
        paths = simulate(
            centers=len(competing),
            days=DEMO_DAYS,
            seed=ctx.now.year,
            out_dir=tmp,
            daily_volume=600.0,
            start=start,
            staffing=(0.85, 1.4),  # some centers staff tightly, some generously
        )
        for entry, path in zip(competing, paths, strict=True):
            upload = InteractionUpload(
                entry=entry,
                original_name=f"demo-{Path(path).name}",
                size=Path(path).stat().st_size,
                mapping="standard",
                uploaded_by=ctx.users.get("applicant"),
            )
            with open(path, "rb") as fh:
                upload.file.save(upload.original_name, File(fh), save=False)
            states = agent_states_path(path)
            with open(states, "rb") as fh:
                upload.agent_states_file.save(
                    f"demo-agent-states-{states.name}", File(fh), save=False
                )
            plan = schedules_path(path)
            with open(plan, "rb") as fh:
                upload.schedules_file.save(f"demo-schedules-{plan.name}", File(fh), save=False)
            upload.save()
            domain.compute_upload(upload)
    _reported_on_the_form(competing)


def _reported_on_the_form(competing) -> None:
    """What the centers report on their application form's indicator table: close to
    what their records show, except every tenth, which reports a first contact
    resolution 8 points better than its records (the verification flags it: the
    tolerance is 5 points). FCR is the figure overstated because it has room above
    it; an abandon rate of a few percent cannot be reported 8 points better."""
    for i, entry in enumerate(competing):
        figures = domain.latest_results([entry])[entry.pk].figures
        answers = dict(entry.answers or {})
        reported = {
            "aht": (figures.get("aht_s"), 1.03, 0.0, 1),
            "acw": (figures.get("acw_s"), 1.02, 0.0, 1),
            "abandon": (figures.get("abandon_rate"), 100.0, -0.4, 1),
            "fcr": (figures.get("fcr_rate"), 100.0, 8.0 if i % 10 == 2 else 1.0, 1),
            "occupancy": (figures.get("occupancy"), 100.0, 1.0, 1),
        }
        for row, (value, factor, shift, digits) in reported.items():
            if value is None or f"indicators.{row}.actual" not in answers:
                continue
            answers[f"indicators.{row}.actual"] = str(
                round(
                    min(100.0, max(0.0, value * factor + shift))
                    if factor == 100.0
                    else value * factor,
                    digits,
                )
            )
        entry.save(update_fields=drafts.replace(entry, answers))
        result = applications.validation(entry)
        applications.sync_typed(entry=entry, result=result, by=None)
