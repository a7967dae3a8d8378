"""The judging pages' forms: a judge's profile (the pool's and the judge's own),
the Excel import, a declaration, an organizer's decision and the judging policy.
They check the shape of what is typed; the domain checks the values."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.judging import choices
from ccaward.judging.domain.conflicts import REASON_MAX
from ccaward.judging.domain.values import split_items
from ccaward.judging.enums import RecommenderPolicy, Scale

LIST_HELP = pgettext_lazy("help", "One per line, or separated by 、 or commas.")


class ListField(forms.CharField):
    """Names typed one per line (or separated by 、 ， , ;), given as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def to_python(self, value):
        return split_items(super().to_python(value))


def _checkboxes(label, options):
    return forms.MultipleChoiceField(
        label=label, choices=options, required=False, widget=forms.CheckboxSelectMultiple
    )


class ExpertiseFields(CleanText, forms.Form):
    """What a judge corrects themselves: title, employers and expertise."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=pgettext_lazy("field", "Title"), max_length=100, required=False)
    employer = forms.CharField(
        label=pgettext_lazy("field", "Current employer"), max_length=200, required=False
    )
    former_employers = ListField(
        label=pgettext_lazy("field", "Former employers"), required=False, help_text=LIST_HELP
    )
    affiliations = ListField(
        label=pgettext_lazy("field", "Affiliations"),
        required=False,
        help_text=pgettext_lazy(
            "help",
            "Groups, boards and firms you advise or belong to. One per line, or separated by 、 or commas.",
        ),
    )

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industries"] = _checkboxes(
            pgettext_lazy("field", "Industries"), choices.industries()
        )
        self.fields["channels"] = _checkboxes(
            pgettext_lazy("field", "Channels"), choices.channels()
        )
        self.fields["dimensions"] = _checkboxes(
            pgettext_lazy("field", "Strongest framework dimensions"), choices.dimensions(season)
        )
        self.order_fields(self.field_order)

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class JudgeForm(ExpertiseFields):
    """The pool's form: who the judge is, their expertise and their load bounds."""

    name = forms.CharField(label=pgettext_lazy("field", "Name"), max_length=100)
    email = forms.EmailField(label=pgettext_lazy("field", "E-mail"), max_length=254)
    min_load = forms.IntegerField(
        label=pgettext_lazy("field", "Minimum load"),
        min_value=0,
        max_value=1000,
        required=False,
        help_text=pgettext_lazy("help", "Empty: the season's default."),
    )
    max_load = forms.IntegerField(
        label=pgettext_lazy("field", "Maximum load"),
        min_value=0,
        max_value=1000,
        required=False,
        help_text=pgettext_lazy("help", "Empty: the season's default."),
    )
    field_order = [
        "name",
        "email",
        "title",
        "employer",
        "former_employers",
        "affiliations",
        "industries",
        "channels",
        "dimensions",
        "min_load",
        "max_load",
    ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=pgettext_lazy("field", "Excel workbook (.xlsx) or CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class DeclareForm(CleanText, forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX}),
        help_text=pgettext_lazy(
            "help", "For example: I advised this enterprise on its contact center last year."
        ),
    )


class DecideForm(CleanText, forms.Form):
    decision = forms.ChoiceField(
        label=pgettext_lazy("field", "Decision"),
        choices=[
            ("confirm", pgettext_lazy("decision", "Confirm: a conflict")),
            ("dismiss", pgettext_lazy("decision", "Dismiss: not a conflict")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=pgettext_lazy("field", "Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX}),
    )


class PolicyForm(CleanText, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    scale = forms.ChoiceField(
        label=pgettext_lazy("field", "Review scale"),
        choices=Scale.choices,
        widget=forms.RadioSelect,
    )
    blind = forms.BooleanField(
        label=pgettext_lazy("field", "Blind review"),
        required=False,
        help_text=pgettext_lazy("help", "Judges do not see the entry's name or enterprise."),
    )
    recommender_policy = forms.ChoiceField(
        label=pgettext_lazy("field", "A judge who recommended the entry"),
        choices=RecommenderPolicy.choices,
        widget=forms.RadioSelect,
    )
    reviewers = forms.IntegerField(
        label=pgettext_lazy("field", "Judges per entry"), min_value=1, max_value=50
    )
    min_load = forms.IntegerField(
        label=pgettext_lazy("field", "Minimum load"), min_value=0, max_value=1000
    )
    max_load = forms.IntegerField(
        label=pgettext_lazy("field", "Maximum load"), min_value=0, max_value=1000
    )
    weight_industry = forms.DecimalField(
        label=pgettext_lazy("field", "Weight of an industry match"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    weight_channel = forms.DecimalField(
        label=pgettext_lazy("field", "Weight of each channel match"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    weight_dimension = forms.DecimalField(
        label=pgettext_lazy("field", "Weight of each dimension match"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    review_deadline = forms.DateTimeField(
        label=pgettext_lazy("field", "Reviews due"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(season.categories.all())
        for category in self.categories:
            self.fields[f"reviewers_{category.pk}"] = forms.IntegerField(
                label=category.name,
                min_value=1,
                max_value=50,
                required=False,
                help_text=pgettext_lazy("help", "Empty: the default."),
            )

    @staticmethod
    def initial_of(policy) -> dict:
        weights = policy.weights()
        out = {
            "version": policy.version,
            "weight_industry": weights["industry"],
            "weight_channel": weights["channel"],
            "weight_dimension": weights["dimension"],
        }
        for name in ("scale", "blind", "recommender_policy", "reviewers", "min_load", "max_load"):
            out[name] = getattr(policy, name)
        out["review_deadline"] = policy.review_deadline
        for key, n in (policy.reviewers_by_category or {}).items():
            out[f"reviewers_{key}"] = n
        return out

    def category_fields(self):
        return [self[f"reviewers_{c.pk}"] for c in self.categories]

    def values(self) -> dict:
        data = self.cleaned_data

        def number(value):
            return int(value) if value == int(value) else float(value)

        return {
            "scale": data["scale"],
            "blind": data["blind"],
            "recommender_policy": data["recommender_policy"],
            "reviewers": data["reviewers"],
            "reviewers_by_category": {
                str(c.pk): data[f"reviewers_{c.pk}"]
                for c in self.categories
                if data.get(f"reviewers_{c.pk}")
            },
            "min_load": data["min_load"],
            "max_load": data["max_load"],
            "affinity_weights": {
                "industry": number(data["weight_industry"]),
                "channel": number(data["weight_channel"]),
                "dimension": number(data["weight_dimension"]),
            },
            "review_deadline": data["review_deadline"],
        }
