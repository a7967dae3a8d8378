"""The client's address (REMOTE_ADDR, or X-Forwarded-For behind a trusted proxy) and
its network (IPv4 /24, IPv6 /48)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ccaward.poll.network import agent_digest, client_address, network_of


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_address_is_remote_addr_without_trusted_proxies(settings):
    settings.CCAWARD_TRUSTED_PROXIES = []
    assert client_address(request("192.0.2.7", "203.0.113.9")) == "192.0.2.7"


def test_behind_a_trusted_proxy_the_forwarded_client(settings):
    settings.CCAWARD_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # the right-most address that is not a proxy; what the client put first is not believed
    assert client_address(request("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3")) == "203.0.113.9"
    assert client_address(request("127.0.0.1")) == "127.0.0.1"
    assert client_address(request("127.0.0.1", "garbage")) == "127.0.0.1"
    # a request not from a proxy: its header is ignored
    assert client_address(request("192.0.2.7", "203.0.113.9")) == "192.0.2.7"


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("192.0.2.77", "192.0.2.0/24"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::/48"),
        ("::ffff:198.51.100.4", "198.51.100.0/24"),
        ("", "unknown"),
        ("nonsense", "unknown"),
    ],
)
def test_networks(address, network):
    assert network_of(address) == network


def test_user_agents_are_kept_as_digests():
    assert len(agent_digest("Mozilla/5.0")) == 64
    assert agent_digest("Mozilla/5.0") != agent_digest("curl/8")
