from __future__ import annotations

import math

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.people import domain, throttle
from ccaward.people.enums import Role
from ccaward.people.models import User


class ThrottledLogin:
    """Refuses a sign-in while its account or address is locked (people/throttle.py)
    and counts the failures; mixed into the sign-in and admin sign-in forms."""

    def locked_error(self, until: float) -> ValidationError:
        local = timezone.localtime(throttle.when(until))
        minutes = max(1, math.ceil((until - throttle.clock()) / 60))
        return ValidationError(
            pgettext(
                "login",
                "Too many failed sign-ins. Try again after %(time)s (in %(minutes)s minutes).",
            )
            % {"time": local.strftime("%H:%M"), "minutes": minutes},
            code="locked",
        )

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        address = throttle.client_address(self.request)
        until = throttle.login_locked_until(email=email, address=address)
        if until:
            raise self.locked_error(until)
        try:
            cleaned = super().clean()
        except ValidationError:
            if self.user_cache is None and self.cleaned_data.get("password"):
                throttle.login_failed(email=email, address=address)
                until = throttle.login_locked_until(email=email, address=address)
                if until:
                    raise self.locked_error(until) from None
            raise
        if self.user_cache is not None:
            throttle.login_succeeded(email=email)
        return cleaned


class EmailLoginForm(ThrottledLogin, AuthenticationForm):
    username = forms.EmailField(
        label=pgettext_lazy("field", "E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class InviteForm(CleanText, forms.Form):
    emails = forms.CharField(
        label=pgettext_lazy("field", "E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "judge@example.com, ..."}),
        help_text=pgettext_lazy("help", "One or more, separated by commas or new lines."),
    )
    role = forms.ChoiceField(label=pgettext_lazy("field", "Role"), choices=Role.choices)
    language = forms.ChoiceField(
        label=pgettext_lazy("field", "Language of the e-mail"),
        choices=[("zh-hans", "简体中文"), ("en", "English")],
    )


class AcceptInvitationForm(CleanText, forms.Form):
    name = forms.CharField(label=pgettext_lazy("field", "Your name"), max_length=150)
    password1 = forms.CharField(
        label=pgettext_lazy("field", "Password"), widget=forms.PasswordInput
    )
    password2 = forms.CharField(
        label=pgettext_lazy("field", "Password again"), widget=forms.PasswordInput
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", pgettext_lazy("validation", "The passwords differ."))
        if p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, name=data.get("name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(CleanText, forms.Form):
    """A person's name and language (people.domain.update_profile saves them)."""

    name = User._meta.get_field("name").formfield()
    language = User._meta.get_field("language").formfield()


class TokenForm(CleanText, forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("field", "Token name"),
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": pgettext_lazy("help", "e.g. reporting script")}
        ),
    )
    days = forms.TypedChoiceField(
        label=pgettext_lazy("field", "Expires"),
        choices=[
            ("30", pgettext_lazy("token", "in 30 days")),
            ("90", pgettext_lazy("token", "in 90 days")),
            ("365", pgettext_lazy("token", "in a year")),
            ("", pgettext_lazy("token", "never")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )


class ResetPasswordForm(SetPasswordForm):
    """The new password from a reset link; saving revokes the account's API tokens."""

    def save(self, commit=True):
        domain.reset_password(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user
