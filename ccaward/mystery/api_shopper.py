"""Mystery calls in the API: shopper (see api.py)."""

from ninja import Router

router = Router()
