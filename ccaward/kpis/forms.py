from __future__ import annotations

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import pgettext_lazy

from ccaward.kpis.models import KpiPolicy, Mapping


class UploadForm(forms.Form):
    file = forms.FileField(
        label=pgettext_lazy("field", "Interaction records"),
        help_text=pgettext_lazy(
            "help",
            "CSV (UTF-8 or GBK) or Parquet, one row per contact; see the schema in the documentation.",
        ),
    )
    mapping = forms.ChoiceField(
        label=pgettext_lazy("field", "Column mapping"), choices=Mapping.choices
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = KpiPolicy
        fields = [
            "sl_seconds",
            "sl_target",
            "abandon_treatment",
            "short_abandon_seconds",
            "fcr_days",
            "bad_rows",
            "max_upload_mb",
            "tolerance_points",
            "min_peers",
        ]


class SizeLimitUploadHandler(FileUploadHandler):
    """Stop reading an upload as soon as it passes the limit, instead of
    receiving gigabytes first. Placed before Django's own handlers, which
    stream the file to a temporary file on disk (never into memory)."""

    def __init__(self, request=None, *, limit_bytes: int):
        super().__init__(request)
        self.limit = limit_bytes
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.too_large = content_length is not None and content_length > self.limit + 64 * 1024

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.too_large or self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
