"""Voting's forms: a judge's ballot (a rank number per shortlisted entry, or a box
per entry for approval), the voting policy, a casting decision and a special
award."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.results.domain import policy as policies
from ccaward.results.domain.ballots import ranking_from_ranks
from ccaward.results.enums import Strength, VoteMethod
from ccaward.results.models import REASON_MAX


class BallotForm(forms.Form):
    """`entries`: (entry, name) of the shortlist in its order; `approval`: boxes
    instead of rank numbers; `initial_ranks`: {entry id: rank} of the ballot cast."""

    def __init__(self, *args, entries, approval: bool, initial_ranks: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        self.approval = approval
        for entry, name in entries:
            if approval:
                self.fields[f"e{entry.pk}"] = forms.BooleanField(
                    label=pgettext("voting", "Approve %(entry)s") % {"entry": name},
                    required=False,
                    initial=entry.pk in initial_ranks,
                )
            else:
                self.fields[f"e{entry.pk}"] = forms.IntegerField(
                    label=pgettext("voting", "Rank of %(entry)s") % {"entry": name},
                    required=False,
                    min_value=1,
                    max_value=len(entries),
                    initial=initial_ranks.get(entry.pk),
                )

    def lines(self):
        return [(entry, name, self[f"e{entry.pk}"]) for entry, name in self.entries]

    def ranking(self) -> list[list[int]]:
        if self.approval:
            return [[e.pk for e, _n in self.entries if self.cleaned_data.get(f"e{e.pk}")]]
        return ranking_from_ranks(
            {e.pk: self.cleaned_data.get(f"e{e.pk}") for e, _n in self.entries}
        )


class PolicyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    method = forms.ChoiceField(
        label=pgettext_lazy("field", "Voting method"),
        choices=VoteMethod.choices,
        widget=forms.RadioSelect,
    )
    approvals = forms.IntegerField(
        label=pgettext_lazy("field", "Approvals per ballot"),
        required=False,
        min_value=1,
        max_value=policies.MAX_APPROVALS,
        help_text=pgettext_lazy(
            "help",
            "Approval only: how many entries a judge may approve; empty: the category's quota.",
        ),
    )
    strength = forms.ChoiceField(
        label=pgettext_lazy("field", "Strength of a defeat (Schulze)"),
        choices=Strength.choices,
        widget=forms.RadioSelect,
        help_text=pgettext_lazy(
            "help",
            "Winning votes: a defeat is as strong as the votes of its winner; margins: "
            "the winner's votes less the loser's.",
        ),
    )

    @staticmethod
    def initial_of(policy) -> dict:
        return {
            "version": policy.version,
            **{n: getattr(policy, n) for n in policies.POLICY_FIELDS},
        }

    def values(self) -> dict:
        return {n: self.cleaned_data[n] for n in policies.POLICY_FIELDS}


class CastingForm(CleanText, forms.Form):
    """A place (1..t) per tied entry and the reason."""

    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, tied, **kwargs):
        """`tied`: (entry id, name) of the open tie."""
        super().__init__(*args, **kwargs)
        self.tied = tied
        for i, (pk, name) in enumerate(tied, start=1):
            self.fields[f"p{pk}"] = forms.IntegerField(
                label=pgettext("voting", "Place of %(entry)s") % {"entry": name},
                min_value=1,
                max_value=len(tied),
                initial=i,
            )

    def lines(self):
        return [(pk, name, self[f"p{pk}"]) for pk, name in self.tied]

    def clean(self):
        data = super().clean()
        places = [data.get(f"p{pk}") for pk, _n in self.tied]
        if None not in places and len(set(places)) != len(places):
            raise ValidationError(pgettext("voting", "Give each tied entry its own place."))
        return data

    def order(self) -> list[int]:
        return [pk for pk, _n in sorted(self.tied, key=lambda t: self.cleaned_data[f"p{t[0]}"])]


class SpecialForm(CleanText, forms.Form):
    entry = forms.TypedChoiceField(
        label=pgettext_lazy("field", "An entry of the season"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    center_zh = forms.CharField(
        label=pgettext_lazy("field", "Center (Chinese)"), max_length=200, required=False
    )
    center_en = forms.CharField(
        label=pgettext_lazy("field", "Center (English)"), max_length=200, required=False
    )
    justification = forms.CharField(
        label=pgettext_lazy("field", "Justification"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=pgettext_lazy("help", "Shown with the result."),
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", pgettext("voting", "— or name a center below —"))] + [
            (e.pk, f"{e.center.name} · {e.category.name}") for e in entries
        ]


class WithdrawForm(CleanText, forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
