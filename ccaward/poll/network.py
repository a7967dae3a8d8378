"""Where a request of the public poll comes from.

The client's address is REMOTE_ADDR. Behind a reverse proxy that is the proxy's
address: list the proxies in the setting CCAWARD_TRUSTED_PROXIES (environment
variable of the same name: addresses or networks, comma-separated, e.g.
"127.0.0.1,10.0.0.0/8"). When REMOTE_ADDR is one of them, the client is the
right-most address of X-Forwarded-For that is not a trusted proxy (the left part of
that header is whatever the client sent, so it is never believed). `ccaward serve`
with BEHIND_PROXY already puts the client's address in REMOTE_ADDR (waitress's
trusted_proxy), so it needs no list.

Votes and codes are counted per network: an IPv4 address's /24 or an IPv6
address's /48 (one household, office or small provider's block), so that an attacker
cannot escape the limits by taking the next address.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def _trusted() -> list:
    nets = []
    for item in getattr(settings, "CCAWARD_TRUSTED_PROXIES", []) or []:
        try:
            nets.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue
    return nets


def _parse(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's address (text), or "" when none can be told."""
    remote = _parse(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return ""
    trusted = _trusted()

    def is_proxy(address) -> bool:
        return any(address.version == n.version and address in n for n in trusted)

    if not is_proxy(remote):
        return str(remote)
    forwarded = (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
    for part in reversed(forwarded):
        address = _parse(part)
        if address is None:
            return str(remote)  # a malformed hop: believe nothing before it
        if not is_proxy(address):
            return str(address)
    return str(remote)


def network_of(address: str) -> str:
    """An IPv4 address's /24 or an IPv6 address's /48 as text; "unknown" when the
    address cannot be read (an IPv4-mapped IPv6 address counts as IPv4)."""
    parsed = _parse(address or "")
    if parsed is None:
        return UNKNOWN
    if parsed.version == 6 and parsed.ipv4_mapped:
        parsed = parsed.ipv4_mapped
    prefix = 24 if parsed.version == 4 else 48
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))


def request_network(request) -> str:
    return network_of(client_address(request))


def agent_digest(user_agent: str) -> str:
    """The SHA-256 of a User-Agent header (hex): alike browsers compare, the text is not kept."""
    return hashlib.sha256((user_agent or "").encode("utf-8", "replace")).hexdigest()
