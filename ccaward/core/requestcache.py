"""What a request reads once: a memo that lives for one request (from
`RequestCacheMiddleware`) and is absent outside one, so tests, commands and
background tasks read afresh each time. A page asks the stage gates for several
permissions and objects: the season's stages are read once (seasons.models
`Season.stage_list`), and saving a stage forgets them."""

from __future__ import annotations

from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("ccaward_request_cache", default=None)


def remembered(key, load):
    """`load()`, once per request for `key`; every time outside a request."""
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget(key) -> None:
    """The next `remembered(key, ...)` of this request loads again."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class RequestCacheMiddleware:
    """Each request starts with an empty memo, and drops it when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
