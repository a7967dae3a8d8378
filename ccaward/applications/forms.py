from __future__ import annotations

from django import forms
from django.utils.translation import npgettext, pgettext_lazy

from ccaward.applications.enums import Industry
from ccaward.applications.models import ContactCenter, Organization
from ccaward.core import audit_text
from ccaward.core.text import CleanText
from ccaward.seasons.enums import CategoryKind


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
        # a special award is decided by the organizers: nobody applies for it
        self.fields["category"].queryset = season.categories.exclude(kind=CategoryKind.SPECIAL)
        special = [c.name for c in season.categories.filter(kind=CategoryKind.SPECIAL)]
        if special:
            self.fields["category"].help_text = npgettext(
                "help",
                "%(names)s is decided by the organizers and takes no applications.",
                "%(names)s are decided by the organizers and take no applications.",
                len(special),
            ) % {"names": audit_text.join(special)}
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
