from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.seasons.enums import StageOverride
from ccaward.seasons.models import Category, Season


class SeasonForm(CleanText, forms.ModelForm):
    class Meta:
        model = Season
        fields = ["name_zh", "name_en", "year", "slug", "organizer_zh", "organizer_en"]
        help_texts = {
            "organizer_zh": pgettext_lazy(
                "help", "Named where the application form says {organizer}."
            ),
            "slug": pgettext_lazy("help", "Lower-case letters, digits and hyphens; used in links."),
        }


class CategoryForm(CleanText, forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "name_zh",
            "name_en",
            "quota",
            "kind",
            "description_zh",
            "description_en",
            "eligibility_zh",
            "eligibility_en",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ("description_zh", "description_en", "eligibility_zh", "eligibility_en")
        }

    def __init__(self, *args, season: Season, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.season = season
        self.fields["quota"].widget.attrs["min"] = 1


class StageDatesForm(forms.Form):
    """One pair of fields per stage: <kind>_opens, <kind>_closes."""

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.stages = list(stages)
        for stage in self.stages:
            for part, value in (("opens", stage.opens_at), ("closes", stage.closes_at)):
                self.fields[f"{stage.kind}_{part}"] = forms.DateTimeField(
                    initial=value,
                    widget=forms.DateTimeInput(
                        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                    ),
                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
                )

    def rows(self):
        for stage in self.stages:
            yield stage, self[f"{stage.kind}_opens"], self[f"{stage.kind}_closes"]

    def dates(self):
        return {
            s.kind: (self.cleaned_data[f"{s.kind}_opens"], self.cleaned_data[f"{s.kind}_closes"])
            for s in self.stages
        }


class StageOverrideForm(CleanText, forms.Form):
    action = forms.ChoiceField(choices=StageOverride.choices, required=False)
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": pgettext_lazy("help", "Why does the stage change?")}
        ),
    )
