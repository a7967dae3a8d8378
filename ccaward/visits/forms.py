from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.judging.models import JudgeProfile
from ccaward.visits.models import ADDRESS_MAX, AGENDA_MAX, REASON_MAX


class JudgeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.employer}" if obj.employer else obj.name


class VisitForm(CleanText, forms.Form):
    """Scheduling a visit (a new one also names its entry)."""

    entry = forms.TypedChoiceField(label=pgettext_lazy("field", "Entry"), coerce=int)
    starts_at = forms.DateTimeField(
        label=pgettext_lazy("field", "Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    address = forms.CharField(
        label=pgettext_lazy("field", "Address"),
        max_length=ADDRESS_MAX,
        required=False,
        help_text=pgettext_lazy("help", "Leave blank for the contact center's address on file."),
    )
    judges = JudgeChoice(
        label=pgettext_lazy("field", "Judges"),
        queryset=JudgeProfile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=pgettext_lazy(
            "help", "A judge with a conflict of interest with the entry cannot be chosen."
        ),
    )
    agenda = forms.CharField(
        label=pgettext_lazy("field", "Agenda"),
        max_length=AGENDA_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=pgettext_lazy(
            "help", "One item a line, a time first if it has one: “09:30 Tour of the floor”."
        ),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, season, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judges"].queryset = JudgeProfile.objects.filter(season=season)
        if entries is None:
            del self.fields["entry"]
        else:
            self.fields["entry"].choices = [
                (e.pk, f"{e.center.name} · {e.category.name}") for e in entries
            ]


class CancelForm(CleanText, forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
