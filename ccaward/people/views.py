from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.people import domain
from ccaward.people.enums import Role
from ccaward.people.forms import AcceptInvitationForm, InviteForm, ProfileForm, TokenForm
from ccaward.people.models import ApiToken, Invitation, SeasonRole, User


@require_POST
def set_language(request):
    """The language switch: Django's (the cookie, back to the page), and for a person
    signed in also their profile's language, which their e-mails and the profile page use.
    Side effect (signed in, another language): the profile changed, an audit event."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.language:
        domain.update_profile(user=user, name=user.name, language=language)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, whose e-mailed link starts with SITE_URL (where the site is
    reached from outside, like every other e-mailed link), not the request's host."""

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


@season_view("people.view_people")
def people(request, season):
    form = InviteForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE, "role": Role.JUDGE}
    )
    if request.method == "POST":
        if not request.user.has_perm("people.manage_people", season):
            return redirect("seasons:people", season.slug)
        if form.is_valid():
            try:
                invitations, job = domain.invite_and_send(
                    season=season,
                    emails=domain.parse_emails(form.cleaned_data["emails"]),
                    role=form.cleaned_data["role"],
                    by=request.user,
                    language=form.cleaned_data["language"],
                )
            except ValidationError as exc:
                attach(form, exc)
            else:
                messages.success(
                    request,
                    pgettext("message", "%(n)s invitations are being sent.")
                    % {"n": len(invitations)},
                )
                return redirect(f"{request.path}?job={job.pk}")
    roles = SeasonRole.objects.filter(season=season).select_related("user")
    job = None
    if request.GET.get("job", "").isdigit():
        job = season.jobs.filter(pk=request.GET["job"]).first()
    return render(
        request,
        "people/people.html",
        {
            "season": season,
            "form": form,
            "roles_by_kind": [(r, [x for x in roles if x.role == r.value]) for r in Role],
            "invitations": season.invitations.filter(accepted_at=None, revoked_at=None),
            "job": job,
            "can_manage": request.user.has_perm("people.manage_people", season),
        },
    )


@require_POST
@season_view("people.manage_people")
def revoke_role(request, season, pk):
    role = get_object_or_404(SeasonRole, season=season, pk=pk)
    try:
        domain.revoke_role(season_role=role, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pgettext("message", "Role removed."))
    return redirect("seasons:people", season.slug)


@require_POST
@season_view("people.manage_people")
def revoke_invitation(request, season, pk):
    invitation = get_object_or_404(Invitation, season=season, pk=pk)
    domain.revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, pgettext("message", "Invitation withdrawn."))
    return redirect("seasons:people", season.slug)


def accept_invitation(request, token):
    invitation = Invitation.by_token(token)
    if invitation is None or not invitation.is_pending:
        return render(request, "people/invitation_invalid.html", status=410 if invitation else 404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if request.user.is_authenticated:
        try:
            domain.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as exc:
            return render(
                request,
                "people/invitation_invalid.html",
                {"reason": " ".join(exc.messages)},
                status=403,
            )
        messages.success(
            request,
            pgettext("message", "Welcome: you are now %(role)s in %(season)s.")
            % {"role": Role(invitation.role).label, "season": invitation.season.name},
        )
        return redirect("seasons:dashboard", invitation.season.slug)
    if existing:
        return redirect_to_login(request.get_full_path())
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = domain.join_by_invitation(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("seasons:dashboard", invitation.season.slug)
    return render(
        request, "people/accept_invitation.html", {"invitation": invitation, "form": form}
    )


@login_required
def profile(request):
    form = ProfileForm(
        request.POST or None,
        initial={"name": request.user.name, "language": request.user.language},
        prefix="profile",
    )
    token_form = TokenForm(prefix="token")
    new_token = None
    if request.method == "POST" and "token-name" in request.POST:
        token_form = TokenForm(request.POST, prefix="token")
        if token_form.is_valid():
            _obj, new_token = domain.issue_token(
                user=request.user,
                name=token_form.cleaned_data["name"],
                days=token_form.cleaned_data["days"],
            )
            token_form = TokenForm(prefix="token")
    elif request.method == "POST" and form.is_valid():
        try:
            domain.update_profile(
                user=request.user,
                name=form.cleaned_data["name"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            response = HttpResponseRedirect(request.path)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, request.user.language, samesite="Lax"
            )
            messages.success(request, pgettext("message", "Profile saved."))
            return response
    return render(
        request,
        "people/profile.html",
        {
            "form": form,
            "token_form": token_form,
            "new_token": new_token,
            "tokens": request.user.api_tokens.all(),
        },
    )


@require_POST
@login_required
def delete_token(request, pk):
    token = get_object_or_404(ApiToken, user=request.user, pk=pk)
    domain.delete_token(token=token, by=request.user)
    messages.success(request, pgettext("message", "Token deleted."))
    return redirect("people:profile")
