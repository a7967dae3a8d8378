"""Mystery calls in the API: board (see api.py)."""

from ninja import Router

router = Router()
