"""The assignment's API (评审分配), included from judging/api.py."""

from ninja import Router

router = Router(tags=["judging"])
