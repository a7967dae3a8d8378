"""The public poll's forms: signing in (an address, then its code), a vote, the
organizers' policy and voiding."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.poll.models import REASON_MAX


class AddressForm(CleanText, forms.Form):
    address = forms.CharField(
        label=pgettext_lazy("field", "E-mail address or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=pgettext_lazy(
            "help",
            "We send a one-time code to it. It is used only to keep to one vote per person "
            "in each category.",
        ),
    )


class CodeForm(CleanText, forms.Form):
    address = forms.CharField(
        label=pgettext_lazy("field", "E-mail address or mobile number"), max_length=254
    )
    code = forms.CharField(
        label=pgettext_lazy("field", "Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class VoteForm(forms.Form):
    entry = forms.TypedChoiceField(
        label=pgettext_lazy("field", "Your choice"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, e.center.name) for e in entries]


class PolicyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    enabled = forms.BooleanField(label=pgettext_lazy("field", "Hold a public poll"), required=False)
    weight = forms.IntegerField(
        label=pgettext_lazy("field", "Weight of the poll in the decision (%)"),
        min_value=0,
        max_value=100,
        help_text=pgettext_lazy(
            "help", "The panel's vote counts for the rest. At most the season's cap."
        ),
    )
    max_weight = forms.IntegerField(
        label=pgettext_lazy("field", "Highest weight this season allows (%)"),
        min_value=0,
        max_value=100,
    )

    FIELDS = ("enabled", "weight", "max_weight")

    @classmethod
    def initial_of(cls, policy) -> dict:
        return {"version": policy.version, **{n: getattr(policy, n) for n in cls.FIELDS}}

    def values(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.FIELDS}


class IdsField(forms.Field):
    """Ids sent as repeated values (the signals' checkboxes) or as one "1,2,3"."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if isinstance(value, str):  # one field: "1,2,3"
            value = [v for v in value.split(",") if v.strip()]
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise forms.ValidationError(pgettext_lazy("validation", "Not a vote.")) from None


class VoidForm(CleanText, forms.Form):
    votes = IdsField(label=pgettext_lazy("field", "Votes"), required=False)
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason for voiding"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    signal = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    # a signal's form sends all its votes in one field ("1,2,3": a field per vote would
    # pass Django's limit on a request's fields): "all" voids them, "chosen" the ticked
    signal_votes = IdsField(required=False, widget=forms.HiddenInput)
    scope = forms.ChoiceField(choices=[("chosen", "chosen"), ("all", "all")], required=False)

    def chosen(self) -> list[int]:
        data = self.cleaned_data
        return data["signal_votes"] if data.get("scope") == "all" else data["votes"]
