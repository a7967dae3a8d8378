"""The public poll's pages (网络投票), no login: the season's categories, a
category's shortlist with the vote, signing in with an e-mail address or a mobile
number and a one-time code. The verified account is kept in the session (one per
season), apart from the site's own sign-in. A refusal is a page in the poll's
layout: the poll not held 404, 票选 closed 409 (without the organizers' contacts of
the staff's closed-stage page), over a rate limit 429 with Retry-After."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_POST

from ccaward.core.errors import StageClosed
from ccaward.core.forms import attach
from ccaward.engine.text import control_character
from ccaward.poll.domain import codes, votes
from ccaward.poll.domain.gate import PollNotHeld
from ccaward.poll.domain.limits import RateLimited
from ccaward.poll.domain.policy import policy_of
from ccaward.poll.models import PollAccount
from ccaward.poll.network import agent_digest, request_network
from ccaward.poll.views.forms import AddressForm, CodeForm, VoteForm
from ccaward.results.domain import published
from ccaward.seasons import gates
from ccaward.seasons.enums import CategoryKind, StageKind
from ccaward.seasons.models import Season

SESSION = "poll_accounts"  # {season pk: account pk}
PENDING = "poll_pending"  # {season pk: the address a code was sent to}
NEXT = "poll_next"  # {season pk: where to go once signed in}


def voting_stage(season):
    return next((s for s in season.stage_list() if s.kind == StageKind.VOTING), None)


def _refusal(request, season, template, message, status):
    response = render(
        request, template, base_context(request, season, message=message), status=status
    )
    if isinstance(message, RateLimited):
        response["Retry-After"] = str(message.seconds)
    return response


def public_view(view):
    """The view gets the season when it holds a poll (else 404); a closed 票选 or a
    rate limit becomes the poll's own refusal page."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if control_character(slug):
            raise Http404
        season = get_object_or_404(Season, slug=slug)
        if not policy_of(season).enabled:
            raise Http404
        try:
            return view(request, season, *args, **kwargs)
        except PollNotHeld:
            raise Http404 from None
        except StageClosed:
            return _refusal(request, season, "poll/closed.html", None, 409)
        except RateLimited as exc:
            return _refusal(request, season, "poll/limited.html", exc, 429)

    return wrapper


def signed_in(request, season) -> PollAccount | None:
    """The verified poll account of this season kept in the session, or None."""
    pk = request.session.get(SESSION, {}).get(str(season.pk))
    if pk is None:
        return None
    return PollAccount.objects.filter(pk=pk, season=season, verified_at__isnull=False).first()


def _remember(request, key, season, value) -> None:
    kept = dict(request.session.get(key, {}))
    if value is None:
        kept.pop(str(season.pk), None)
    else:
        kept[str(season.pk)] = value
    request.session[key] = kept


def _categories(season, account) -> list[dict]:
    rows = []
    for category in season.categories.filter(kind=CategoryKind.REGULAR).order_by("position", "pk"):
        entries = votes.public_entries(category)
        if entries:
            rows.append(
                {
                    "category": category,
                    "entries": len(entries),
                    "vote": votes.vote_of(account, category),
                }
            )
    return rows


def base_context(request, season, **extra) -> dict:
    return {
        "poll_season": season,
        "account": signed_in(request, season),
        "is_open": gates.is_open(season, StageKind.VOTING),
        "stage": voting_stage(season),
        "results_published": published.live(season) is not None,
        **extra,
    }


@public_view
def home(request, season):
    context = base_context(request, season)
    context["categories"] = _categories(season, context["account"])
    return render(request, "poll/public_home.html", context)


@public_view
def category(request, season, pk):
    category = get_object_or_404(season.categories, pk=pk, kind=CategoryKind.REGULAR)
    entries = votes.public_entries(category)
    if not entries:
        raise Http404
    account = signed_in(request, season)
    form = VoteForm(request.POST or None, entries=entries)
    status = 200
    if request.method == "POST":
        if account is None:
            _remember(request, NEXT, season, request.path)
            return redirect("poll:signin", season.slug)
        if form.is_valid():
            try:
                votes.cast_vote(
                    account=account,
                    category=category,
                    entry_id=form.cleaned_data["entry"],
                    network=request_network(request),
                    user_agent=agent_digest(request.META.get("HTTP_USER_AGENT", "")),
                )
            except votes.AlreadyVoted as exc:
                messages.error(request, exc.message)
                status = 409
            except (ValidationError, PermissionDenied) as exc:
                attach(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
                status = 422
            else:
                messages.success(request, pgettext("poll", "Thank you: your vote is counted."))
                return redirect("poll:category", season.slug, category.pk)
        else:
            status = 422
    context = base_context(
        request,
        season,
        category=category,
        form=form,
        vote=votes.vote_of(account, category),
    )
    return render(request, "poll/public_category.html", context, status=status)


def _next_url(request, season) -> str:
    target = request.session.get(NEXT, {}).get(str(season.pk)) or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("poll:home", args=[season.slug])


@public_view
def signin(request, season):
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes.request_code(
                season=season,
                address=form.cleaned_data["address"],
                network=request_network(request),
                language=get_language(),
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            _, address = codes.normalise(form.cleaned_data["address"])
            _remember(request, PENDING, season, address)
            return redirect("poll:verify", season.slug)
    status = 422 if form.errors else 200
    return render(
        request, "poll/signin.html", base_context(request, season, form=form), status=status
    )


@public_view
def verify(request, season):
    pending = request.session.get(PENDING, {}).get(str(season.pk), "")
    initial = {"address": request.GET.get("to") or pending, "code": request.GET.get("code", "")}
    form = CodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            account = codes.verify_code(
                season=season,
                address=form.cleaned_data["address"],
                code=form.cleaned_data["code"],
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            request.session.cycle_key()
            _remember(request, SESSION, season, account.pk)
            _remember(request, PENDING, season, None)
            messages.success(request, pgettext("poll", "You are signed in to the poll."))
            return redirect(_next_url(request, season))
    status = 422 if form.errors else 200
    context = base_context(request, season, form=form, sent_to=pending)
    return render(request, "poll/verify.html", context, status=status)


@require_POST
@public_view
def signout(request, season):
    _remember(request, SESSION, season, None)
    messages.success(request, pgettext("poll", "You are signed out of the poll."))
    return redirect("poll:home", season.slug)
