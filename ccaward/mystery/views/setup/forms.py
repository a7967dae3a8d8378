"""The setup pages' forms: they read what was typed; the domain checks it."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.applications.enums import Industry
from ccaward.core.text import CleanText
from ccaward.mystery.enums import Channel, Slot
from ccaward.mystery.models import REASON_MAX, TARGET_MAX, TEXT_MAX, TITLE_MAX

LINES = pgettext_lazy("help", "One a line.")


def _version():
    return forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)


def _channels(required=False):
    return forms.MultipleChoiceField(
        label=pgettext_lazy("field", "Contact channels"),
        choices=Channel.choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


class CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ScenarioForm(CleanText, forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("scenario", "Title"), max_length=TITLE_MAX, required=False
    )
    category = CategoryChoice(
        label=pgettext_lazy("field", "Category"),
        queryset=None,
        required=False,
        empty_label=pgettext_lazy("mystery", "Every category"),
    )
    industry = forms.ChoiceField(
        label=pgettext_lazy("field", "Industry"),
        choices=[("", pgettext_lazy("mystery", "Every industry")), *Industry.choices],
        required=False,
    )
    channels = _channels()
    story = forms.CharField(
        label=pgettext_lazy("field", "The caller's story"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    questions = forms.CharField(
        label=pgettext_lazy("field", "What to ask"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer_points = forms.CharField(
        label=pgettext_lazy("field", "Answer points"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=pgettext_lazy(
            "help",
            "What a correct answer must contain, one point a line (accuracy is judged by them).",
        ),
    )
    version = _version()

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = season.categories.order_by("position", "pk")
        self.fields["channels"].help_text = pgettext_lazy("help", "None ticked: any channel.")


class ScorecardForm(forms.Form):
    file = forms.FileField(label=pgettext_lazy("field", "Scorecard file (YAML)"))
    note = forms.CharField(
        label=pgettext_lazy("field", "Note"), max_length=REASON_MAX, required=False
    )
    version = _version()


class ShopperForm(CleanText, forms.Form):
    name = forms.CharField(label=pgettext_lazy("field", "Name"), max_length=100, required=False)
    email = forms.CharField(label=pgettext_lazy("field", "E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=pgettext_lazy("field", "Phone"), max_length=40, required=False)
    employer = forms.CharField(
        label=pgettext_lazy("field", "Current employer"), max_length=200, required=False
    )
    former_employers = forms.CharField(
        label=pgettext_lazy("field", "Former employers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=LINES,
    )
    affiliations = forms.CharField(
        label=pgettext_lazy("field", "Affiliations"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=LINES,
    )
    max_load = forms.IntegerField(
        label=pgettext_lazy("field", "Most contacts"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=pgettext_lazy("help", "Empty: no limit."),
    )
    active = forms.BooleanField(
        label=pgettext_lazy("field", "Takes part in the plan"), required=False, initial=True
    )
    version = _version()


class ExclusionForm(CleanText, forms.Form):
    shopper = forms.TypedChoiceField(label=pgettext_lazy("field", "Shopper"), coerce=int)
    entry = forms.TypedChoiceField(label=pgettext_lazy("field", "Entry"), coerce=int)
    reason = forms.CharField(label=pgettext_lazy("field", "Reason"), max_length=REASON_MAX)

    def __init__(self, *args, shoppers, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shopper"].choices = [(s.pk, s.name) for s in shoppers]
        self.fields["entry"].choices = [(e.pk, e.center.name) for e in entries]


def parse_days(raw: str, label: str) -> list[dt.date]:
    days = []
    for part in re.split(r"[\s,，、;；]+", raw or ""):
        if not part:
            continue
        try:
            days.append(dt.date.fromisoformat(part))
        except ValueError:
            raise ValidationError(
                pgettext("validation", "%(field)s: %(value)s is not a date (2026-10-01).")
                % {"field": label, "value": part}
            ) from None
    return days


class DaysField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value):
        return parse_days(super().to_python(value), str(self.label))

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value


class PlanSettingsForm(CleanText, forms.Form):
    contacts_per_entry = forms.IntegerField(
        label=pgettext_lazy("field", "Contacts per entry"), min_value=1, max_value=50
    )
    channels = _channels(required=True)
    starts_on = forms.DateField(
        label=pgettext_lazy("field", "First day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=pgettext_lazy("field", "Last day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    holidays = DaysField(
        label=pgettext_lazy("field", "Holidays"),
        required=False,
        max_length=5000,
        help_text=pgettext_lazy("help", "Dates like 2026-10-01, one a line: planned as days off."),
    )
    workdays = DaysField(
        label=pgettext_lazy("field", "Make-up working days (调休)"),
        required=False,
        max_length=5000,
        help_text=pgettext_lazy("help", "Weekend dates worked in exchange for a holiday."),
    )
    seed = forms.IntegerField(
        label=pgettext_lazy("field", "Seed"),
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text=pgettext_lazy("help", "The same seed and settings give the same plan."),
    )
    max_per_pair = forms.IntegerField(
        label=pgettext_lazy("field", "Most contacts of one shopper with one entry"),
        required=False,
        min_value=1,
        max_value=50,
        help_text=pgettext_lazy(
            "help",
            "Empty: an entry's contacts shared out over several shoppers (at most its "
            "contacts divided by the shoppers who may contact it, rounded up, each).",
        ),
    )
    version = _version()


TRI = [
    ("", pgettext_lazy("mystery", "From the application")),
    ("yes", pgettext_lazy("mystery", "Yes")),
    ("no", pgettext_lazy("mystery", "No")),
]


class EntryPlanForm(CleanText, forms.Form):
    contacts = forms.IntegerField(
        label=pgettext_lazy("field", "Contacts"),
        required=False,
        min_value=0,
        max_value=50,
        help_text=pgettext_lazy("help", "Empty: the settings' number."),
    )
    channels = _channels()
    claims_24x7 = forms.ChoiceField(
        label=pgettext_lazy("field", "Claims 7x24 service"), choices=TRI, required=False
    )
    confirm_targets = forms.BooleanField(
        label=pgettext_lazy(
            "mystery", "The numbers and addresses from the application are the service's"
        ),
        required=False,
        help_text=pgettext_lazy(
            "help", "Ticked: the empty fields below take the application's, confirmed."
        ),
    )
    version = _version()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].help_text = pgettext_lazy(
            "help", "None ticked: the settings' channels the entry serves."
        )
        for value, label in Channel.choices:
            self.fields[f"target_{value}"] = forms.CharField(
                label=label, required=False, max_length=TARGET_MAX
            )

    def values(self, read: dict | None = None) -> dict:
        """The override; `read`: the targets read from the application, taken for
        the empty fields when confirmed."""
        data = self.cleaned_data
        targets = {v: data.get(f"target_{v}") or "" for v in Channel.values}
        if data.get("confirm_targets"):
            targets |= {c: t for c, t in (read or {}).items() if not targets.get(c)}
        return {
            "contacts": data.get("contacts"),
            "channels": data.get("channels") or [],
            "claims_24x7": {"yes": True, "no": False}.get(data.get("claims_24x7") or ""),
            "targets": targets,
        }


class ShopperChoiceForm(forms.Form):
    shopper = forms.TypedChoiceField(label=pgettext_lazy("field", "Shopper"), coerce=int)
    version = _version()

    def __init__(self, *args, shoppers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shopper"].choices = [(s.pk, s.name) for s in shoppers]


class MoveBegunForm(ShopperChoiceForm):
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        help_text=pgettext_lazy(
            "mystery",
            "The contact is voided with this reason (its draft kept) and planned anew for "
            "the other shopper.",
        ),
    )


class RescheduleForm(forms.Form):
    planned_on = forms.DateField(
        label=pgettext_lazy("field", "Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    slot = forms.ChoiceField(label=pgettext_lazy("field", "Time slot"), choices=Slot.choices)
    version = _version()
