"""Excel export and import of applications (the organizer's entries table)."""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from ccaward.applications import domain, excel
from ccaward.applications.models import Entry
from ccaward.applications.views.entries import filtered
from ccaward.core.access import season_view
from ccaward.kpis.forms import SizeLimitUploadHandler


class ImportForm(forms.Form):
    file = forms.FileField(
        label=pgettext_lazy("field", "Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


def _xlsx(book, filename: str) -> FileResponse:
    buffer = io.BytesIO(excel.workbook_bytes(book))
    return FileResponse(
        buffer, as_attachment=True, filename=filename, content_type=excel.CONTENT_TYPE
    )


@require_GET
@season_view("applications.export_entries")
def export(request, season):
    """The entries the list page shows (same filters) as a workbook."""
    base = Entry.objects.filter(season=season).select_related(
        "center__organization", "category", "form"
    )
    qs, filters = filtered(request, season, base)
    entries = list(qs.order_by("category__position", "center__name"))
    if filters["dup"]:
        dups = domain.duplicates(base)
        entries = [e for e in entries if e.pk in dups]
    book = excel.export_workbook(season, entries, get_language())
    excel.record_export(season=season, by=request.user, entries=entries, filters=filters)
    day = timezone.localdate().strftime("%Y%m%d")
    return _xlsx(book, f"applications-{season.slug}-{day}.xlsx")


@csrf_exempt
@require_http_methods(["GET", "POST"])
@season_view("applications.export_entries")
def import_entries(request, season):
    """Upload handlers must be in place before the body is read, so CSRF is
    checked inside (Django's documented pattern for custom upload handlers)."""
    if request.method == "POST":
        request.upload_handlers = [
            SizeLimitUploadHandler(request, limit_bytes=domain.upload_limit_bytes()),
            TemporaryFileUploadHandler(request),
        ]
    return _import_page(request, season)


@csrf_protect
def _import_page(request, season):
    if request.method == "GET" and request.GET.get("template"):
        book = excel.template_workbook(season, get_language())
        return _xlsx(book, f"applications-{season.slug}-template.xlsx")
    form = ImportForm()
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            form = ImportForm()
            report = excel.ImportReport(
                problems=[
                    excel.ImportProblem(
                        pgettext("validation", "The file is larger than %(mb)s MB.")
                        % {"mb": domain.upload_limit_bytes() // (1024 * 1024)}
                    )
                ]
            )
        elif form.is_valid():
            report = excel.import_workbook(season, form.cleaned_data["file"], request.user)
            if report.ok:
                messages.success(
                    request,
                    pgettext(
                        "import",
                        "Imported: %(created)s new applications, %(updated)s updated, "
                        "%(unchanged)s unchanged.",
                    )
                    % {
                        "created": len(report.created),
                        "updated": len(report.updated),
                        "unchanged": report.unchanged,
                    },
                )
                if report.skipped_columns:
                    messages.info(
                        request,
                        pgettext(
                            "import",
                            "Not imported: files are attached on each application's page "
                            "(columns %(columns)s).",
                        )
                        % {"columns": report.skipped_text()},
                    )
                return redirect("applications:list", season.slug)
    return render(
        request,
        "applications/import.html",
        {
            "season": season,
            "form": form,
            "report": report,
            "upload_mb": domain.upload_limit_bytes() // (1024 * 1024),
        },
    )
