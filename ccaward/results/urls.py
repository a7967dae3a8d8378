"""Voting's pages under the season (urls_vote.py: ballots, the count, the decision,
special awards) and publishing with the public results page (urls_publish.py)."""

from ccaward.results.urls_publish import urlpatterns as publish
from ccaward.results.urls_vote import urlpatterns as vote

app_name = "results"
urlpatterns = vote + publish
