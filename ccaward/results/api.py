"""Voting and results' API: ballots, the count and the decision (api_vote.py);
publishing and the published results (api_publish.py)."""

from ninja import Router

from ccaward.results import api_publish, api_vote

router = Router(tags=["results"])
router.add_router("", api_vote.router)
router.add_router("", api_publish.router)
