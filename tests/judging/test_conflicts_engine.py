"""The pure detection of conflicts of interest (ccaward.engine.conflicts)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ccaward.engine import conflicts as engine
from ccaward.engine.conflicts import Entry, Judge, detect


def sources(matches, judge="j", entry="e"):
    return {m.source for m in matches if (m.judge, m.entry) == (judge, entry)}


def test_a_company_and_its_contact_center_are_one_employer():
    found = detect(
        [Judge("j", employer="中国建设银行股份有限公司")],
        [Entry("e", organization="建行客服有限公司", center="中国建设银行客户服务中心")],
    )
    assert sources(found) == {engine.EMPLOYER}
    assert found[0].detail == "中国建设银行股份有限公司 ↔ 中国建设银行客户服务中心"
    assert found[0].data["key"] == "中国建设银行"


def test_another_bank_is_not_the_employer():
    assert (
        detect([Judge("j", employer="中国建设银行")], [Entry("e", organization="中国银行")]) == []
    )


def test_full_width_brackets_equal_half_width():
    found = detect(
        [Judge("j", former_employers=("华信人寿保险（集团）股份有限公司",))],
        [Entry("e", organization="华信人寿保险(集团)股份有限公司")],
    )
    assert sources(found) == {engine.FORMER_EMPLOYER}


def test_affiliations_and_the_group_are_affiliations():
    judge = Judge("j", employer="远景咨询有限公司", affiliations=("汇智联络服务有限公司",))
    by_affiliation = Entry("a", organization="汇智联络服务有限公司成都分公司")
    by_group = Entry("g", organization="某某客服外包有限公司", group="远景咨询集团")
    found = detect([judge], [by_affiliation, by_group])
    assert sources(found, entry="a") == {engine.AFFILIATION}
    assert sources(found, entry="g") == {engine.AFFILIATION}


def test_the_same_mail_domain_is_a_conflict_but_a_public_one_is_not():
    entry = Entry("e", organization="甲公司", contact_emails=("li@ccb.com", "wang@qq.com"))
    assert sources(detect([Judge("j", email="Zhang@CCB.com")], [entry])) == {engine.EMAIL_DOMAIN}
    assert detect([Judge("j", email="zhang@qq.com")], [entry]) == []
    assert detect([Judge("j", email="zhang@QQ.COM")], [entry]) == []


def test_a_recommendation_by_the_judge():
    found = detect(
        [Judge("j", email="a@b.cn"), Judge("k")],
        [Entry("e", center="星河移动客户服务中心", recommenders=frozenset({"j"}))],
    )
    assert [(m.judge, m.source) for m in found] == [("j", engine.RECOMMENDED)]


def test_one_match_per_source_lists_every_name_that_met():
    judge = Judge("j", employer="中国建设银行股份有限公司", affiliations=("中国建设银行",))
    entry = Entry("e", organization="中国建设银行股份有限公司", center="中国建设银行客户服务中心")
    found = detect([judge], [entry])
    employer = next(m for m in found if m.source == engine.EMPLOYER)
    assert employer.data["entry"] == ["中国建设银行股份有限公司", "中国建设银行客户服务中心"]
    assert len([m for m in found if m.source == engine.EMPLOYER]) == 1


def test_blank_names_meet_nothing():
    assert detect([Judge("j", employer=" ", former_employers=("",))], [Entry("e")]) == []


def test_public_domains_are_data():
    for name in ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com"):
        assert name in engine.PUBLIC_MAIL_DOMAINS


names = st.text(
    alphabet="中国建设银行华信保险股份有限公司客户服务中心（）() 分行", min_size=1, max_size=16
)


@given(names)
def test_a_name_and_its_full_width_form_meet(name):
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    plain = detect([Judge("j", employer=name)], [Entry("e", organization=wide)])
    same = detect([Judge("j", employer=name)], [Entry("e", organization=name)])
    assert {m.source for m in plain} == {m.source for m in same}


@given(st.lists(names, max_size=4), st.lists(names, max_size=4))
def test_detection_is_symmetric_in_order_and_deterministic(employers, organizations):
    judges = [Judge(f"j{i}", employer=n) for i, n in enumerate(employers)]
    entries = [Entry(f"e{i}", organization=n) for i, n in enumerate(organizations)]
    once = detect(judges, entries)
    assert once == detect(list(reversed(judges)), list(reversed(entries)))
    for m in once:
        assert m.source == engine.EMPLOYER


@given(st.emails())
def test_a_mail_domain_is_folded(address):
    domain = engine.mail_domain(address)
    assert domain == unicodedata.normalize("NFKC", domain).casefold()
    assert engine.mail_domain(address.upper()) == domain
