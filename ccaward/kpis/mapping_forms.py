"""The mapping step's form: for each standard field of the interaction records, the
file's column it comes from (or a fixed value), its time format, its value map and the
values that mean empty; turned into a declarative mapping (plain data) and back."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.text import CleanText, NoControlCharacters
from ccaward.engine.interactions import COLUMNS, DURATION_COLUMNS, SCHEMA, TIMESTAMP_COLUMNS, Column
from ccaward.kpis.labels import FIELD_NAMES

# the fields whose values are codes a file may spell its own way
VALUE_MAPPED = ("channel", "direction", "queue", "abandon_point", "transferred", "outcome")
_DERIVED = "from:"  # a duration derived from two standard times: "from:start:end"
_DERIVED_PAIRS = (
    ("answered_at", "ended_at"),
    ("queued_at", "answered_at"),
    ("arrived_at", "ended_at"),
)


def _column_label(name: str, first: object) -> str:
    shown = "" if first is None else str(first)
    shown = shown if len(shown) <= 24 else shown[:24] + "…"
    return f"{name} · {shown}" if shown else name


def _source_choices(column: str, columns, first_row) -> list[tuple[str, str]]:
    choices = [("", pgettext("mapping", "— not in the file —"))]
    firsts = list(first_row or ()) + [None] * len(columns)
    choices += [(c, _column_label(c, firsts[i])) for i, c in enumerate(columns)]
    if column in DURATION_COLUMNS:
        for start, end in _DERIVED_PAIRS:
            label = pgettext("mapping", "seconds from %(start)s to %(end)s") % {
                "start": start,
                "end": end,
            }
            choices.append((f"{_DERIVED}{start}:{end}", label))
    return choices


def _lines(text: str) -> dict[str, str]:
    """'source = standard' lines as a value map."""
    out = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        source, sep, target = line.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise forms.ValidationError(
                pgettext("validation", "Write one “file value = standard value” per line: %(line)s")
                % {"line": line.strip()}
            )
        out[source.strip()] = target.strip()
    return out


@dataclass
class _Row:
    """One standard field's inputs: the main ones, and those folded away until used."""

    column: Column
    label: object
    fields: list
    more: list

    @property
    def open(self) -> bool:  # read when the page renders, after validation
        return any(f.value() or f.errors for f in self.more)


class MappingForm(CleanText, forms.Form):
    """``columns``: the file's columns (names, or "1", "2", ... without a header row);
    ``first_row``: its first row, shown beside each column's name."""

    name = forms.CharField(
        label=pgettext_lazy("field", "Mapping name"),
        max_length=100,
        required=False,
        help_text=pgettext_lazy("help", "Saved for the center: later uploads can use it."),
    )
    header = forms.BooleanField(
        label=pgettext_lazy("field", "The first row names the columns"),
        required=False,
        help_text=pgettext_lazy(
            "help",
            "Untick for files without a header row (Asterisk's Master.csv): the columns are then numbered 1, 2, 3 …",
        ),
    )
    queued_on_arrival = forms.BooleanField(
        label=pgettext_lazy("field", "Contacts queued when they arrived"),
        required=False,
        help_text=pgettext_lazy(
            "help",
            "For files without a queue-entry time (a PBX's call records): every contact counts as offered from its arrival.",
        ),
    )
    resolved_outcomes = forms.CharField(
        label=pgettext_lazy("field", "Outcome codes meaning resolved"),
        required=False,
        help_text=pgettext_lazy(
            "help", "Comma-separated; given, first-contact resolution is counted from them."
        ),
    )

    def __init__(self, *args, columns, first_row=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for column in SCHEMA:
            c = column.name
            names = {"source": f"src_{c}", "constant": f"const_{c}", "nulls": f"nulls_{c}"}
            self.fields[names["source"]] = forms.ChoiceField(
                label=pgettext_lazy("field", "Column"),
                choices=_source_choices(c, columns, first_row),
                required=False,
            )
            self.fields[names["constant"]] = forms.CharField(
                label=pgettext_lazy("field", "or a fixed value"), required=False, max_length=200
            )
            if c in TIMESTAMP_COLUMNS:
                names["format"] = f"fmt_{c}"
                self.fields[names["format"]] = forms.CharField(
                    label=pgettext_lazy("field", "Time format"),
                    required=False,
                    max_length=60,
                    widget=forms.TextInput(attrs={"placeholder": "%Y-%m-%d %H:%M:%S"}),
                )
            if c in VALUE_MAPPED:
                names["values"] = f"values_{c}"
                self.fields[names["values"]] = forms.CharField(
                    label=pgettext_lazy("field", "Values (file value = standard value)"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.fields[names["nulls"]] = forms.CharField(
                label=pgettext_lazy("field", "Values meaning empty"),
                required=False,
                max_length=400,
            )
            main = [self[names[k]] for k in ("source", "constant", "format") if k in names]
            more = [self[names[k]] for k in ("values", "nulls") if k in names]
            self.rows.append(_Row(column, FIELD_NAMES.get(c, c), main, more))
        for name in self.fields:  # the fields made here refuse control characters too
            field = self.fields[name]
            if isinstance(field, forms.CharField) and not any(
                isinstance(v, NoControlCharacters) for v in field.validators
            ):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(NoControlCharacters(name, multiline=multiline))

    def spec(self) -> dict:
        """The declarative mapping the valid form describes."""
        data = self.cleaned_data
        spec: dict = {
            "header": bool(data.get("header")),
            "queued_on_arrival": bool(data.get("queued_on_arrival")),
        }
        for key in ("renames", "constants", "formats", "durations", "values", "nulls"):
            spec[key] = {}
        for column in SCHEMA:
            c = column.name
            source = data.get(f"src_{c}") or ""
            if source.startswith(_DERIVED):
                start, _, end = source.removeprefix(_DERIVED).partition(":")
                spec["durations"][c] = {"start": start, "end": end}
            elif source and c in DURATION_COLUMNS:
                spec["durations"][c] = source
            elif source:
                spec["renames"][c] = source
            elif (data.get(f"const_{c}") or "").strip():
                spec["constants"][c] = data[f"const_{c}"].strip()
            if (data.get(f"fmt_{c}") or "").strip():
                spec["formats"][c] = data[f"fmt_{c}"].strip()
            if data.get(f"values_{c}"):
                spec["values"][c] = data[f"values_{c}"]
            nulls = [v.strip() for v in (data.get(f"nulls_{c}") or "").split(",") if v.strip()]
            if nulls:
                spec["nulls"][c] = nulls
        codes = [v.strip() for v in (data.get("resolved_outcomes") or "").split(",") if v.strip()]
        if codes:
            spec["resolved_outcomes"] = codes
        if spec["header"]:
            del spec["header"]  # the default
        return spec

    def clean(self):
        data = super().clean()
        for c in VALUE_MAPPED:
            try:
                data[f"values_{c}"] = _lines(data.get(f"values_{c}", ""))
            except forms.ValidationError as exc:
                self.add_error(f"values_{c}", exc)
        return data


def initial_from(spec: dict, columns) -> dict:
    """The form's initial values for a mapping (a saved one, a preset, or a guess)."""
    initial = {
        "header": spec.get("header", True),
        "queued_on_arrival": spec.get("queued_on_arrival", False),
        "resolved_outcomes": ", ".join(spec.get("resolved_outcomes") or []),
    }
    for c, source in (spec.get("renames") or {}).items():
        if isinstance(source, str):
            initial[f"src_{c}"] = source
    for c, source in (spec.get("durations") or {}).items():
        if isinstance(source, dict):
            initial[f"src_{c}"] = f"{_DERIVED}{source['start']}:{source['end']}"
        else:
            initial[f"src_{c}"] = source
    for c, value in (spec.get("constants") or {}).items():
        initial[f"const_{c}"] = value
    for c, fmt in (spec.get("formats") or {}).items():
        initial[f"fmt_{c}"] = fmt
    for c, values in (spec.get("values") or {}).items():
        initial[f"values_{c}"] = "\n".join(f"{k} = {v}" for k, v in values.items())
    for c, nulls in (spec.get("nulls") or {}).items():
        initial[f"nulls_{c}"] = ", ".join(nulls)
    return initial


def guess(columns) -> dict:
    """A first mapping: each standard field from the file's column of the same name
    (case and spaces aside)."""
    by_name = {str(c).strip().lower(): c for c in columns}
    renames = {c: by_name[c] for c in COLUMNS if c in by_name}
    durations = {c: renames.pop(c) for c in DURATION_COLUMNS if c in renames}
    return {"renames": renames, "durations": durations}
