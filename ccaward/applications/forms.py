from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.applications.enums import Industry
from ccaward.applications.models import ContactCenter, Organization
from ccaward.core.text import CleanText


class StartForm(CleanText, forms.Form):
    """Start an application: which enterprise, which center, which category.

    The choices are the user's own enterprises and centers; what a new center
    needs is checked by `domain.start_application`."""

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


class ReasonForm(CleanText, forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ColleagueForm(CleanText, forms.Form):
    email = forms.EmailField(label=pgettext_lazy("field", "Colleague's e-mail"))
