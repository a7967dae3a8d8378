"""Mystery calls in the API: setting up and planning (api_setup.py), the
shopper's contacts and cards (api_shopper.py), the board, cards and results
(api_board.py)."""

from ninja import Router

from ccaward.mystery import api_board, api_setup, api_shopper

router = Router(tags=["mystery calls"])
router.add_router("", api_setup.router)
router.add_router("", api_shopper.router)
router.add_router("", api_board.router)
