from __future__ import annotations

from django import forms
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.applications.enums import Industry
from ccaward.applications.models import ContactCenter, Organization, validate_credit_code


class StartForm(forms.Form):
    """Start an application: which enterprise, which center, which category."""

    category = forms.ModelChoiceField(
        label=pgettext_lazy("field", "Category"), queryset=None, empty_label=None
    )
    center = forms.ModelChoiceField(
        label=pgettext_lazy("field", "Contact center"),
        queryset=ContactCenter.objects.none(),
        required=False,
        empty_label=pgettext_lazy("field", "A new contact center…"),
    )
    organization = forms.ModelChoiceField(
        label=pgettext_lazy("field", "Enterprise"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=pgettext_lazy("field", "A new enterprise…"),
        help_text=pgettext_lazy("help", "For a new contact center: the enterprise it belongs to."),
    )
    org_name = forms.CharField(
        label=pgettext_lazy("field", "New enterprise: name"), max_length=200, required=False
    )
    credit_code = forms.CharField(
        label=pgettext_lazy("field", "New enterprise: unified social credit code"),
        max_length=18,
        required=False,
        help_text=pgettext_lazy("help", "18 characters, on the business licence."),
    )
    center_name = forms.CharField(
        label=pgettext_lazy("field", "New contact center: name"), max_length=200, required=False
    )
    industry = forms.ChoiceField(
        label=pgettext_lazy("field", "New contact center: industry"),
        choices=[("", "—"), *Industry.choices],
        required=False,
    )

    def __init__(self, *args, season, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = season.categories.all()
        orgs = Organization.objects.filter(members=user)
        self.fields["organization"].queryset = orgs
        self.fields["center"].queryset = ContactCenter.objects.filter(organization__in=orgs)

    def clean_credit_code(self):
        code = (self.cleaned_data.get("credit_code") or "").strip().upper()
        if code:
            validate_credit_code(code)
        return code

    def clean(self):
        data = super().clean()
        if data.get("center"):
            return data
        if not (data.get("center_name") or "").strip():
            self.add_error(
                "center_name", pgettext("validation", "Choose a contact center or name a new one.")
            )
        if not data.get("industry"):
            self.add_error("industry", pgettext("validation", "Choose the industry."))
        if not data.get("organization") and not (data.get("org_name") or "").strip():
            self.add_error(
                "org_name", pgettext("validation", "Choose an enterprise or name a new one.")
            )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ColleagueForm(forms.Form):
    email = forms.EmailField(label=pgettext_lazy("field", "Colleague's e-mail"))
