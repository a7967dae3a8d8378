"""The application's and the KPIs' panels beside the review form
(reviews/evidence.py), each built from its app's own read functions: the
answers as the entry's page shows them, the verified indicators against the
peers and the reported figures checked against the records."""

from __future__ import annotations

from django.utils.translation import get_language, pgettext, pgettext_lazy

from ccaward.applications import domain as applications
from ccaward.applications.views.entry import answer_sections
from ccaward.kpis import domain as kpis
from ccaward.reviews.blind import HIDDEN_SECTIONS, hidden_field, redact, secrets_of
from ccaward.reviews.evidence import evidence_panel


def _blind_item(item: dict, hidden: set[str], secrets: list[str]) -> dict | None:
    if item["key"] in hidden:
        return None
    if item["type"] == "file":
        return {
            **item,
            "type": "text",
            "value": pgettext("blind review", "Attachments are withheld in blind review."),
        }
    out = dict(item)
    for name in ("value", "detail", "label"):
        if name in out:
            out[name] = redact(out[name], secrets)
    if "rows" in out:
        out["rows"] = [
            {
                "label": redact(r["label"], secrets),
                "cells": [redact(c, secrets) for c in r["cells"]],
            }
            for r in out["rows"]
        ]
    return out


def blind_sections(entry, defn, sections: list[dict]) -> list[dict]:
    """The sections without the questions that identify the entry, every identifying
    text left in the answers replaced."""
    hidden = {f.key for f in defn.fields.values() if hidden_field(f)}
    secrets = secrets_of(entry, defn)
    out = []
    for s in sections:
        if s["key"] in HIDDEN_SECTIONS:
            continue
        items = [i for i in (_blind_item(it, hidden, secrets) for it in s["items"]) if i]
        if items:
            out.append({**s, "items": items})
    return out


@evidence_panel(
    order=10,
    key="application",
    label=pgettext_lazy("evidence", "Application"),
    template="reviews/_evidence_application.html",
)
def application(entry, *, blind: bool):
    defn = applications.form_of(entry).parsed
    result = applications.validation(entry)
    sections = answer_sections(entry, defn, result, get_language() or "zh-hans")
    if blind:
        sections = blind_sections(entry, defn, sections)
    return {"sections": sections}


@evidence_panel(
    order=20,
    key="kpis",
    label=pgettext_lazy("evidence", "KPIs"),
    template="reviews/_evidence_kpis.html",
)
def indicators(entry, *, blind: bool):
    result = kpis.latest_results([entry]).get(entry.pk)
    bench = kpis.entry_benchmark(entry, result) if result else None
    checks = kpis.verification(entry, result)
    return {
        "result": result,
        "bench": bench,
        "verification": checks,
        "flagged": sum(1 for v in checks if v["flagged"]),
    }
