"""The board's forms: voiding a contact and undoing it, each with a reason and the
contact's version as read."""

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.mystery.models import REASON_MAX


class VoidForm(CleanText, forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
