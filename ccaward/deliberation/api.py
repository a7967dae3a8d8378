"""Deliberation's API (集中评议): totals, an entry's breakdown, reliability
(api_totals.py) and the board's comments and shortlist (api_board.py)."""

from ninja import Router

from ccaward.deliberation import api_board, api_totals

router = Router(tags=["deliberation"])
router.add_router("", api_totals.router)
router.add_router("", api_board.router)
