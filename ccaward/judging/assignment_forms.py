"""The assignment page's forms (评审分配): a run (deterministic, or randomized with its
cap P and an optional seed) and a pair made by hand."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.judging import affinities

DETERMINISTIC, RANDOMIZED = "deterministic", "randomized"
MAX_SEED = 2**63 - 1


class RunForm(forms.Form):
    mode = forms.ChoiceField(
        label=pgettext_lazy("field", "Mode"),
        choices=[
            (DETERMINISTIC, pgettext_lazy("assignment mode", "Optimal (deterministic)")),
            (RANDOMIZED, pgettext_lazy("assignment mode", "Randomized, each pair at most P")),
        ],
        initial=DETERMINISTIC,
        widget=forms.RadioSelect,
    )
    max_probability = forms.FloatField(
        label=pgettext_lazy("field", "Cap P"),
        required=False,
        min_value=0.01,
        max_value=1,
        help_text=pgettext_lazy(
            "help", "The highest probability of any one judge reviewing any one entry."
        ),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    seed = forms.IntegerField(
        label=pgettext_lazy("field", "Seed (optional)"),
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text=pgettext_lazy("help", "The same seed draws the same assignment again."),
    )

    def clean(self):
        data = super().clean()
        if data.get("mode") == RANDOMIZED and data.get("max_probability") is None:
            self.add_error(
                "max_probability",
                pgettext("validation", "Give the cap P for a randomized run."),
            )
        if data.get("mode") == DETERMINISTIC:
            data["max_probability"] = data["seed"] = None
        return data


class AddPairForm(forms.Form):
    """A judge and an entry of the season, offered as their names."""

    judge = forms.ModelChoiceField(label=pgettext_lazy("field", "Judge"), queryset=None)
    entry = forms.ModelChoiceField(label=pgettext_lazy("field", "Entry"), queryset=None)

    def __init__(self, *args, season, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        judges = season.judges.order_by("name", "pk")
        self.fields["judge"].queryset = judges
        entries = season.entries.filter(
            pk__in=[e.pk for e in affinities.entries_in(season, category)]
        )
        self.fields["entry"].queryset = entries.select_related("center").order_by("center__name")
        self.fields["entry"].label_from_instance = lambda e: e.center.name
