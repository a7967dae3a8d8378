"""Mystery calls in the API: setup (see api.py)."""

from ninja import Router

router = Router()
