"""Conflicts of interest found rather than only declared (利益冲突).

A judge and an entry meet when:

- the entry's enterprise, center or group is the judge's current employer
  (EMPLOYER), a former employer (FORMER_EMPLOYER) or one of their affiliations
  (AFFILIATION; the entry's group, when the application names one, is compared
  with every name of the judge and reported as AFFILIATION), names compared by
  their organisation key (`engine.names.organization_key`: 中国建设银行股份有限公司
  and 中国建设银行客户服务中心 are one organisation, full-width brackets equal
  half-width);
- the judge's e-mail domain is the domain of one of the entry's contacts
  (EMAIL_DOMAIN), public mail domains excepted (`PUBLIC_MAIL_DOMAINS`);
- the judge recommended the entry (RECOMMENDED).

Pure data in, pure data out: `detect(judges, entries)` returns one `Match` per
(judge, entry, source) with what matched, in words and as data. What a match
means (a conflict, a flag, nothing) is the caller's policy.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ccaward.engine.names import organization_key

EMPLOYER = "employer"
FORMER_EMPLOYER = "former_employer"
AFFILIATION = "affiliation"
EMAIL_DOMAIN = "email_domain"
RECOMMENDED = "recommended"
SOURCES = (EMPLOYER, FORMER_EMPLOYER, AFFILIATION, EMAIL_DOMAIN, RECOMMENDED)

# mail services anyone can sign up to: sharing one says nothing about an employer
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "qq.com",
        "vip.qq.com",
        "foxmail.com",
        "163.com",
        "vip.163.com",
        "126.com",
        "vip.126.com",
        "yeah.net",
        "188.com",
        "sina.com",
        "sina.cn",
        "vip.sina.com",
        "sohu.com",
        "139.com",
        "189.cn",
        "wo.cn",
        "21cn.com",
        "tom.com",
        "aliyun.com",
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "live.cn",
        "msn.com",
        "yahoo.com",
        "yahoo.com.cn",
        "icloud.com",
        "me.com",
        "mac.com",
        "protonmail.com",
        "proton.me",
        "mail.com",
        "gmx.com",
        "yandex.com",
        "zoho.com",
    }
)


@dataclass(frozen=True)
class Judge:
    id: str
    email: str = ""
    employer: str = ""
    former_employers: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    id: str
    organization: str = ""
    center: str = ""
    group: str = ""
    contact_emails: tuple[str, ...] = ()
    # the ids of the judges who recommended it
    recommenders: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Match:
    judge: str
    entry: str
    source: str
    # what matched, in words: "中国建设银行股份有限公司 ↔ 中国建设银行客户服务中心"
    detail: str
    # the same as data: {"judge": [...], "entry": [...], "key": ...}
    data: dict = field(default_factory=dict, compare=False, hash=False)


def mail_domain(address: str) -> str:
    """The domain of an e-mail address as compared: after the last @, folded to
    lower case and half-width; "" without one."""
    address = unicodedata.normalize("NFKC", address or "").strip().casefold()
    if "@" not in address:
        return ""
    return address.rsplit("@", 1)[1].strip().rstrip(".")


def is_public_domain(domain: str) -> bool:
    return domain in PUBLIC_MAIL_DOMAINS


def _entry_names(entry: Entry) -> list[tuple[str, str]]:
    """(name, role) of the entry's organisation, center and group, each non-empty."""
    out = [(entry.organization, "organization"), (entry.center, "center")]
    if entry.group:
        out.append((entry.group, "group"))
    return [(n, r) for n, r in out if n and n.strip()]


def _judge_names(judge: Judge) -> list[tuple[str, str]]:
    """(name, source) of every organisation the judge belongs or belonged to."""
    out = [(judge.employer, EMPLOYER)] if judge.employer else []
    out += [(n, FORMER_EMPLOYER) for n in judge.former_employers if n]
    out += [(n, AFFILIATION) for n in judge.affiliations if n]
    return [(n, s) for n, s in out if n.strip()]


def _by_key(entries: Iterable[Entry]) -> dict[str, list[tuple[Entry, str, str]]]:
    index: dict[str, list[tuple[Entry, str, str]]] = defaultdict(list)
    for entry in entries:
        for name, role in _entry_names(entry):
            key = organization_key(name)
            if key:
                index[key].append((entry, name, role))
    return index


def _by_domain(entries: Iterable[Entry]) -> dict[str, list[tuple[Entry, str]]]:
    index: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
    for entry in entries:
        seen = set()
        for address in entry.contact_emails:
            domain = mail_domain(address)
            if domain and not is_public_domain(domain) and domain not in seen:
                seen.add(domain)
                index[domain].append((entry, address))
    return index


class _Found:
    """The matches gathered per (judge, entry, source), each with every pair of
    names (or addresses) that made it."""

    def __init__(self):
        self.pairs: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        self.keys: dict[tuple[str, str, str], str] = {}

    def add(self, judge: str, entry: str, source: str, pair: tuple[str, str], key: str):
        where = (judge, entry, source)
        if pair not in self.pairs[where]:
            self.pairs[where].append(pair)
        self.keys.setdefault(where, key)

    def matches(self) -> list[Match]:
        out = []
        for (judge, entry, source), pairs in self.pairs.items():
            detail = "; ".join(f"{a} ↔ {b}" for a, b in pairs)
            data = {
                "judge": [a for a, _ in pairs],
                "entry": [b for _, b in pairs],
                "key": self.keys[(judge, entry, source)],
            }
            out.append(Match(judge, entry, source, detail, data))
        order = {s: i for i, s in enumerate(SOURCES)}
        return sorted(out, key=lambda m: (m.judge, m.entry, order[m.source]))


def detect(judges: Iterable[Judge], entries: Iterable[Entry]) -> list[Match]:
    """Every (judge, entry, source) that looks like a conflict of interest, sorted
    by judge, entry and source (the order of `SOURCES`)."""
    entries = list(entries)
    names = _by_key(entries)
    domains = _by_domain(entries)
    found = _Found()
    for judge in judges:
        for name, source in _judge_names(judge):
            key = organization_key(name)
            for entry, entry_name, role in names.get(key, ()) if key else ():
                # the entry's group is an affiliation, whichever of the judge's names met it
                kind = AFFILIATION if role == "group" else source
                found.add(judge.id, entry.id, kind, (name, entry_name), key)
        domain = mail_domain(judge.email)
        if domain and not is_public_domain(domain):
            for entry, address in domains.get(domain, ()):
                found.add(judge.id, entry.id, EMAIL_DOMAIN, (judge.email, address), domain)
        for entry in entries:
            if judge.id in entry.recommenders:
                label = entry.center or entry.organization
                found.add(judge.id, entry.id, RECOMMENDED, (judge.email, label), "")
    return found.matches()
