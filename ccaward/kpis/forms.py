from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.files.uploadhandler import (
    FileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.engine import mappings
from ccaward.engine.indicators import INDICATORS
from ccaward.kpis.domain.policy import POLICY_FIELDS, policy_for
from ccaward.kpis.labels import LABELS, mapping_choices
from ccaward.kpis.models import KpiPolicy, MonthlyFigure
from ccaward.seasons.models import Season

OWN_NEW = "own:new"  # the upload's columns are mapped in the next step


class UploadForm(CleanText, forms.Form):
    """The records and how to read them: an installed mapping file, one of the
    center's saved mappings (``own:<id>``), or its own columns mapped next
    (``OWN_NEW``); given the entry, its center's mappings are offered."""

    file = forms.FileField(
        label=pgettext_lazy("field", "Interaction records"),
        help_text=pgettext_lazy(
            "help", "CSV (UTF-8 or GBK), Excel or Parquet, one row per contact."
        ),
    )
    mapping = forms.ChoiceField(
        label=pgettext_lazy("field", "Column mapping"), choices=mapping_choices
    )
    agent_states = forms.FileField(
        label=pgettext_lazy("field", "Agent states (optional)"),
        required=False,
        help_text=pgettext_lazy(
            "help",
            "Logged-in, available, busy and after-contact intervals: they give occupancy and staffing efficiency.",
        ),
    )
    schedules = forms.FileField(
        label=pgettext_lazy("field", "Agent schedules (optional)"),
        required=False,
        help_text=pgettext_lazy(
            "help",
            "The agents' planned work and breaks; with the agent states they give schedule adherence.",
        ),
    )

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved = {}
        if entry is not None:
            self.saved = {f"own:{m.pk}": m for m in entry.center.column_mappings.all()}
            self.fields["mapping"].choices = [
                *mapping_choices(),
                *(
                    (key, pgettext("mapping", "Saved for the center: %(name)s") % {"name": m.name})
                    for key, m in self.saved.items()
                ),
                (OWN_NEW, pgettext("mapping", "My own columns: map them in the next step")),
            ]

    def reading(self) -> dict:
        """How the domain reads the records: the mapping file's name, the saved mapping,
        and whether the columns are mapped next."""
        choice = self.cleaned_data["mapping"]
        if choice in self.saved or choice == OWN_NEW:
            return {
                "mapping": mappings.DEFAULT,
                "column_mapping": self.saved.get(choice),
                "to_map": choice == OWN_NEW,
            }
        return {"mapping": choice}

    def clean(self):
        data = super().clean()
        if data.get("schedules") and not data.get("agent_states"):
            self.add_error(
                "schedules",
                pgettext_lazy(
                    "validation",
                    "Schedule adherence compares the schedules with the agent states: upload both.",
                ),
            )
        return data


class PolicyForm(CleanText, forms.ModelForm):
    # typed as a percentage, as the page's other rates are; stored as a fraction (0.80)
    sl_target = forms.DecimalField(
        label=pgettext_lazy("field", "Service level target X (%)"),
        min_value=0,
        max_value=100,
        max_digits=3,
        decimal_places=0,
        help_text=pgettext_lazy("help", "For example 80: 80 % of the calls answered within T."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.sl_target is not None:
            self.initial["sl_target"] = (Decimal(str(self.instance.sl_target)) * 100).quantize(1)

    def clean_sl_target(self):
        return self.cleaned_data["sl_target"] / 100

    class Meta:
        model = KpiPolicy
        fields = list(POLICY_FIELDS)
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "period_months": pgettext_lazy(
                "help",
                "With the last day: records must cover that many months up to it. Or give the first day instead.",
            ),
            "period_end": pgettext_lazy(
                "help",
                "Records that arrived outside the period are reported and left out. Empty: any dates.",
            ),
        }


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


def stream_uploads(request, slug: str) -> None:
    """Stream an upload to disk and stop it at the season's limit; call before the
    body is read (the page's view and the API's upload endpoint)."""
    season = Season.objects.filter(slug=slug).first()
    limit = (policy_for(season).max_upload_mb if season else 1) * 1024 * 1024
    request.upload_handlers = [
        SizeLimitUploadHandler(request, limit_bytes=limit),
        TemporaryFileUploadHandler(request),
    ]


def _reported_field(key: str) -> forms.DecimalField:
    """A reported figure as the application form asks for it: a rate in percent, a time
    in seconds."""
    shown = INDICATORS[key].display
    percent, seconds = shown == "percent", shown == "seconds"
    return forms.DecimalField(
        label=LABELS[key],
        required=False,
        min_value=0,
        max_value=100 if percent else 36000 if seconds else None,
        decimal_places=1 if seconds else 2,
        help_text="%" if percent else "s" if seconds else "",
    )


class ReportedForm(CleanText, forms.Form):
    """The form's indicator table figures that the records can verify (the catalogue's
    indicators that applicants report and the records give): rates in percent, times in
    seconds, as the application form asks for them."""

    KEYS = tuple(k for k, i in INDICATORS.items() if i.reported and i.source == "records")
    RATES = tuple(k for k in KEYS if INDICATORS[k].display == "percent")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in self.KEYS:
            self.fields[key] = _reported_field(key)

    @classmethod
    def initial_from(cls, figures) -> dict:
        return {
            f.key: round(f.value * 100, 2) if f.key in cls.RATES else round(f.value, 1)
            for f in figures
        }

    def values(self) -> dict:
        """Cleaned values in the engine's units (fractions, seconds); None = blank."""
        out = {}
        for key in self.fields:
            v = self.cleaned_data.get(key)
            out[key] = None if v is None else (float(v) / 100 if key in self.RATES else float(v))
        return out


class ThresholdForm(CleanText, forms.Form):
    key = forms.ChoiceField(label=pgettext_lazy("field", "Indicator"))
    rows = forms.CharField(
        label=pgettext_lazy("field", "Threshold table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "70 0\n80 60\n90 100"}),
        help_text=pgettext_lazy(
            "help",
            "One line per row, worst to best: the value (rates in %, times in seconds) and its score 0–100; scores between rows are interpolated. Empty: score by percentile.",
        ),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = choices


class MonthlyForm(CleanText, forms.ModelForm):
    month = forms.DateField(
        label=pgettext_lazy("field", "Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    class Meta:
        model = MonthlyFigure
        fields = ["month", "offered", "answered", "abandoned", "answered_within_sl", "aht_s"]

    def clean(self):
        data = super().clean()
        offered, answered = data.get("offered"), data.get("answered")
        abandoned, within = data.get("abandoned"), data.get("answered_within_sl")
        if None not in (offered, answered, abandoned) and answered + abandoned > offered:
            self.add_error(
                "abandoned",
                pgettext_lazy("validation", "Answered and abandoned together exceed offered."),
            )
        if None not in (answered, within) and within > answered:
            self.add_error(
                "answered_within_sl", pgettext_lazy("validation", "More than were answered.")
            )
        return data


class BaseMonthlyFormSet(forms.BaseModelFormSet):
    """The monthly figures as table rows: the column headings name the inputs, so
    each input carries its field's label for assistive technology."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", field.label)


MonthlyFormSet = forms.modelformset_factory(
    MonthlyFigure,
    form=MonthlyForm,
    formset=BaseMonthlyFormSet,
    extra=3,
    max_num=24,
    can_delete=True,
)
