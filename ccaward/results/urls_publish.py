"""Publishing's pages: the organizers' page under the season, and the published
results page with its downloads under awards/, which needs no sign-in."""

from django.urls import path

from ccaward.results.views import public
from ccaward.results.views import publish as organizers

urlpatterns = [
    path("seasons/<slug:slug>/results/", organizers.results, name="publish"),
    path("seasons/<slug:slug>/results/publish/", organizers.do_publish, name="do_publish"),
    path("seasons/<slug:slug>/results/withdraw/", organizers.do_unpublish, name="do_unpublish"),
    path("awards/<slug:slug>/", public.results, name="public"),
    path("awards/<slug:slug>/ballots/<int:index>.csv", public.ballots, name="public_ballots"),
    path("awards/<slug:slug>/poll-votes/<int:index>.csv", public.poll, name="public_poll"),
    path("awards/<slug:slug>/SCORES.csv", public.scores, name="public_scores"),
    path("awards/<slug:slug>/FRAMEWORK.yaml", public.framework, name="public_framework"),
    path("awards/<slug:slug>/snapshot.json", public.snapshot, name="public_snapshot"),
]
