from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.recommendations.models import REASON_MAX, Recommendation


class RecommendationForm(CleanText, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "category",
            "center_name",
            "organization_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "reason",
        ]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 6, "maxlength": REASON_MAX}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "center_name": pgettext_lazy(
                "help", "As the center calls itself; used to find its entry when it applies."
            ),
            "contact_email": pgettext_lazy(
                "help", "The invitation to apply is sent to this address."
            ),
            "reason": pgettext_lazy(
                "help",
                "What makes this center stand out in the category (at most 2,000 characters).",
            ),
        }

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = season.categories.all()
        self.fields["category"].empty_label = pgettext_lazy("form", "Choose a category")
