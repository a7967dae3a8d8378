"""The mapping step of an upload (its columns and first rows, the mapping, a preview of
the parsed rows and the findings, saving it for the center), the data-format page and
its template and sample files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, pgettext

from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.engine import mappings
from ccaward.engine.interactions import SCHEMA, TIMESTAMP_COLUMNS, examples
from ccaward.kpis import domain
from ccaward.kpis.access import entry_for
from ccaward.kpis.labels import FIELD_HELP, FIELD_NAMES
from ccaward.kpis.mapping_forms import MappingForm, guess, initial_from
from ccaward.kpis.models import InteractionUpload


def _starting_points(entry) -> list[tuple[str, str]]:
    """The mappings a new one can start from: the center's saved ones, then the
    installed files that are plain data."""
    saved = [(f"own:{m.pk}", m.name) for m in entry.center.column_mappings.all()]
    language = get_language()
    installed = [
        (m.name, m.description(language))
        for m in mappings.registry().values()
        if domain.installed_spec(m.name) is not None
    ]
    return saved + installed


def _start_spec(entry, start: str) -> dict | None:
    if start.startswith("own:"):
        pk = start.removeprefix("own:")
        saved = entry.center.column_mappings.filter(pk=pk).first() if pk.isdigit() else None
        return saved.spec if saved else None
    return domain.installed_spec(start) if start else None


def _first_spec(request, entry, upload) -> tuple[dict, str]:
    """The mapping the page opens with, and its name: the one asked for (``start``),
    the upload's, or a guess from the column names."""
    start = request.GET.get("start", "")
    spec = _start_spec(entry, start)
    if spec is not None:
        saved = start.startswith("own:")
        return spec, entry.center.column_mappings.get(pk=start[4:]).name if saved else ""
    if upload.mapping_spec:
        return upload.mapping_spec, upload.column_mapping.name if upload.column_mapping else ""
    header = request.GET.get("header", "1") != "0"
    sample = domain.sample_of(upload, header=header)
    return {**guess(sample.columns), "header": header}, ""


@season_view("seasons.view_season")
def mapping_step(request, season, pk, upload_pk):
    entry = entry_for(request.user, season, pk)
    access.check(request.user, "kpis.upload_records", entry)
    upload = get_object_or_404(InteractionUpload, entry=entry, pk=upload_pk)
    if upload.status != InteractionUpload.Status.MAPPING:
        return redirect("kpis:entry", season.slug, entry.pk)
    if request.method == "POST":
        header = "header" in request.POST
        sample = domain.sample_of(upload, header=header)
        first = sample.rows[0] if sample.rows else None
        form = MappingForm(request.POST, columns=sample.columns, first_row=first)
    else:
        spec, name = _first_spec(request, entry, upload)
        sample = domain.sample_of(upload, header=spec.get("header", True))
        first = sample.rows[0] if sample.rows else None
        initial = {**initial_from(spec, sample.columns), "name": name}
        form = MappingForm(initial=initial, columns=sample.columns, first_row=first)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "save":
                return _save(request, entry, upload, form)
            result = domain.preview_of(upload, form.spec())
        except ValidationError as exc:
            attach(form, exc)
    return render(
        request,
        "kpis/mapping.html",
        {
            "season": season,
            "entry": entry,
            "upload": upload,
            "sample": sample,
            "form": form,
            "result": result,
            "starts": _starting_points(entry),
            "timestamps": TIMESTAMP_COLUMNS,
        },
    )


def _save(request, entry, upload, form):
    """Save the mapping for the center and queue the upload's computation with it."""
    mapping = domain.save_mapping(
        center=entry.center,
        name=form.cleaned_data.get("name", ""),
        spec=form.spec(),
        by=request.user,
        season=entry.season,
    )
    domain.map_upload(upload=upload, column_mapping=mapping, by=request.user)
    messages.success(
        request,
        pgettext("message", "Mapping “%(mapping)s” saved; %(name)s is being computed with it.")
        % {"mapping": mapping.name, "name": upload.original_name},
    )
    return redirect("kpis:entry", entry.season.slug, entry.pk)


def data_format(request):
    """The standard fields, their formats and examples; the template and sample files;
    the installed mappings."""
    fields = [
        {
            "column": c,
            "name": FIELD_NAMES[c.name],
            "help": FIELD_HELP[c.name],
            "example": examples.example(c.name),
        }
        for c in SCHEMA
    ]
    language = request.LANGUAGE_CODE
    installed = [(m.name, m.description(language)) for m in mappings.registry().values()]
    return render(request, "kpis/data_format.html", {"fields": fields, "installed": installed})


def data_file(request, kind: str, language: str):
    """The template (header only) or the sample file, in English or Chinese."""
    if kind not in ("template", "sample") or language not in examples.LANGUAGES:
        raise Http404
    text = examples.template(language) if kind == "template" else examples.sample(language)
    response = HttpResponse(
        ("\ufeff" if language == "zh" else "") + text, content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ccaward-{kind}-{language}.csv"'
    return response
