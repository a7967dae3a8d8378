"""The public poll's pages (awards/<slug>/poll/..., no login) and the organizers'
page (seasons/<slug>/poll/)."""

from django.urls import path

from ccaward.poll.views import manage, public

app_name = "poll"
urlpatterns = [
    path("awards/<slug:slug>/poll/", public.home, name="home"),
    path("awards/<slug:slug>/poll/signin/", public.signin, name="signin"),
    path("awards/<slug:slug>/poll/verify/", public.verify, name="verify"),
    path("awards/<slug:slug>/poll/signout/", public.signout, name="signout"),
    path("awards/<slug:slug>/poll/<int:pk>/", public.category, name="category"),
    path("seasons/<slug:slug>/poll/", manage.manage, name="manage"),
    path("seasons/<slug:slug>/poll/void/", manage.void, name="void"),
]
