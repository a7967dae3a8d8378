"""The season's scoring policy page (organizers): how judges' scores are
combined, the resamples and seed of the rank confidence, the shortlist's margin
above the quota, the site visit's share of the judges' evidence."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.access import season_view
from ccaward.deliberation.domain import policy as domain
from ccaward.deliberation.enums import Method
from ccaward.deliberation.wording import method_explained
from ccaward.judging.views.versioned import Outcome, versioned_save


class PolicyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    method = forms.ChoiceField(
        label=pgettext_lazy("field", "How judges' scores are combined"),
        choices=Method.choices,
        widget=forms.RadioSelect,
    )
    bootstrap = forms.IntegerField(
        label=pgettext_lazy("field", "Resamples for rank confidence"),
        min_value=0,
        max_value=domain.MAX_BOOTSTRAP,
        help_text=pgettext_lazy(
            "help", "Each resample draws every entry's judges again; 0 turns rank confidence off."
        ),
    )
    seed = forms.IntegerField(
        label=pgettext_lazy("field", "Random seed"),
        min_value=0,
        max_value=domain.MAX_SEED,
        help_text=pgettext_lazy("help", "The same seed gives the same rank intervals every time."),
    )
    shortlist_margin = forms.IntegerField(
        label=pgettext_lazy("field", "Shortlist margin above the quota"),
        min_value=0,
        max_value=domain.MAX_MARGIN,
        help_text=pgettext_lazy(
            "help", "The shortlist proposed for deliberation: the quota plus this many entries."
        ),
    )
    visit_weight = forms.IntegerField(
        label=pgettext_lazy("field", "Site visit's share of the judges' evidence (%)"),
        min_value=0,
        max_value=domain.MAX_VISIT_WEIGHT,
        help_text=pgettext_lazy(
            "help",
            "Where both exist, a criterion's judges' evidence is this share of the site "
            "visit's score and the rest of the reviews'.",
        ),
    )

    @staticmethod
    def initial_of(policy) -> dict:
        return {"version": policy.version, **{n: getattr(policy, n) for n in domain.POLICY_FIELDS}}

    def values(self) -> dict:
        return {n: self.cleaned_data[n] for n in domain.POLICY_FIELDS}


def _shown(form: PolicyForm, conflict) -> list[tuple[str, str, str]]:
    """(label, saved now, yours) of each field the two versions differ in."""
    methods = dict(Method.choices)

    def text(name, value):
        return str(methods.get(value, value)) if name == "method" else str(value)

    return [
        (form.fields[name].label, text(name, stored), text(name, sent))
        for name, stored, sent in conflict.rows()
    ]


@season_view("deliberation.change_policy")
def policy(request, season):
    current = domain.policy_of(season)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_of(current))
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        outcome = versioned_save(
            form,
            lambda: domain.change_policy(
                season=season,
                by=request.user,
                values=form.values(),
                version=form.cleaned_data["version"],
            ),
            changed=domain.PolicyChanged,
        )
        if outcome.saved:
            messages.success(request, pgettext("message", "Scoring policy saved."))
            return redirect("deliberation:policy", season.slug)
    return render(
        request,
        "deliberation/policy.html",
        {
            "season": season,
            "form": form,
            "policy": current,
            "organizer": True,
            "methods": list(
                zip(form["method"], [method_explained(v) for v in Method.values], strict=True)
            ),
            "conflict": outcome.conflict,
            "conflict_rows": _shown(form, outcome.conflict) if outcome.conflict else [],
        },
        status=outcome.status,
    )
