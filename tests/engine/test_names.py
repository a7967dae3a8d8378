"""Company and center names as compared: the center key that registration and
recommendations use, and the organisation key that conflicts of interest will use."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.names import normalize_name, organization_key

# --------------------------------------------------------------------------- properties

# pieces that names are made of, and the characters that try to break a key
PIECES = [
    *"中国建设工商农业招商平安移动电信联通京东华为上海北京广东深圳江苏省市",
    "银行", "保险", "财产", "人寿", "通信", "集团", "股份有限公司", "有限责任公司",
    "有限公司", "公司", "分公司", "分行", "支行", "客户服务中心", "客服中心",
    "呼叫中心", "信用卡中心", "服务中心", "中心", "95598", "10086",
    "(", ")", "（", "）", "【", "】", "[", "]", "·", "-", "_", ".", ",", "，", "、",
    " ", "\u3000", "\t", "\u200b", "\ufeff",
    "Co., Ltd.", " Limited", " Inc", " Group", "ABC", "Bank", "ß", "ﬁ", "İ", "Σ",
    "e\u0301", "\u0301", "\u0345", "ΐ", "ｶﾞ", "가", "\u11a8", "①", "㈱", "™",
]  # fmt: skip


# names made of the pieces names use, and any text at all
NAMES = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.text(max_size=10),
)


def full_width(text: str) -> str:
    """ASCII letters, digits, punctuation and space in their full-width forms."""
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


@pytest.mark.parametrize("key", [normalize_name, organization_key])
@settings(max_examples=400, deadline=None)
@given(name=NAMES)
def test_a_key_of_a_key_is_itself(key, name):
    assert key(key(name)) == key(name)


@pytest.mark.parametrize("key", [normalize_name, organization_key])
@settings(max_examples=400, deadline=None)
@given(name=NAMES)
def test_full_and_half_width_give_one_key(key, name):
    assert key(full_width(name)) == key(name)


def test_full_width_is_what_the_property_feeds():
    assert full_width("Abc (1)") == "Ａｂｃ\u3000（１）"


@pytest.mark.parametrize("key", [normalize_name, organization_key])
def test_spaces_and_punctuation_do_not_count(key):
    assert key(" 中国 建设·银行 ") == key("中国建设银行")
    assert key("中国-建设_银行.") == key("中国，建设银行") == key("中国建设银行")
    assert key("中国\u3000建设\t银行") == key("中国建设银行")


def test_invisible_characters_do_not_count_in_an_organisation():
    assert organization_key("中国\u200b建设\ufeff银行") == organization_key("中国建设银行")


@pytest.mark.parametrize("key", [normalize_name, organization_key])
def test_nothing_gives_nothing(key):
    assert key("") == key(None) == key("  ") == ""


# --------------------------------------------------------------------------- centers


def test_a_center_name_loses_width_case_spaces_and_brackets_only():
    assert normalize_name("Ａｂｃ （95598）") == normalize_name("abc(95598)") == "abc95598"
    assert normalize_name("华东电力（95598）客户服务中心") == "华东电力95598客户服务中心"


def test_centers_stay_apart_when_their_names_do():
    # a center is compared by its whole name: the suffix and the hotline count
    assert normalize_name("华东电力(95598)客户服务中心") != normalize_name("华东电力客户服务中心")
    assert normalize_name("中国建设银行客户服务中心") != normalize_name("中国建设银行")
    assert normalize_name("招商银行信用卡中心") != normalize_name("招商银行")


# --------------------------------------------------------------------------- organisations

SAME = [
    # a company, its contact centers and branches
    ("中国建设银行股份有限公司", "中国建设银行客户服务中心", "中国建设银行"),
    ("中国工商银行股份有限公司", "中国工商银行客户服务中心", "中国工商银行"),
    ("中国工商银行股份有限公司北京市分行", "中国工商银行上海分行", "中国工商银行"),
    ("招商银行股份有限公司", "招商银行信用卡中心", "招商银行"),
    ("招商银行股份有限公司信用卡中心", "招商银行呼叫中心", "招商银行"),
    ("中国农业银行股份有限公司广东省分行", "中国农业银行", "中国农业银行"),
    ("上海银行股份有限公司", "上海银行北京分行", "上海银行"),
    ("中国移动通信集团有限公司", "中国移动通信集团广东有限公司", "中国移动通信"),
    ("中国电信股份有限公司", "中国电信股份有限公司广东分公司", "中国电信"),
    ("中国电信客服中心", "中国电信", "中国电信"),
    ("中国联合网络通信集团有限公司", "中国联合网络通信有限公司", "中国联合网络通信"),
    ("中国平安财产保险股份有限公司", "中国平安财产保险客户服务中心", "中国平安财产保险"),
    ("中国平安保险（集团）股份有限公司", "中国平安保险(集团)股份有限公司", "中国平安保险"),
    ("中国人寿保险股份有限公司", "中国人寿保险股份有限公司北京市分公司", "中国人寿保险"),
    ("京东集团", "京东集团股份有限公司", "京东"),
    ("戴尔（中国）有限公司", "戴尔客户服务中心", "戴尔"),
    ("华为技术有限公司", "华为技术服务中心", "华为技术"),
    ("汇智联络服务有限公司成都分公司", "汇智联络服务有限责任公司", "汇智联络服务"),
    ("汇智联络服务成都分公司", "汇智联络服务公司", "汇智联络服务"),
    ("东方联合银行股份有限公司（信用卡中心）", "东方联合银行信用卡中心", "东方联合银行"),
    ("Huizhi Contact Services Co., Ltd.", "HUIZHI CONTACT SERVICES LIMITED", None),
    ("Orient Bank Group", "orient bank", "orientbank"),
]


@pytest.mark.parametrize(("one", "other", "key"), SAME)
def test_a_company_meets_its_centers_and_branches(one, other, key):
    assert organization_key(one) == organization_key(other)
    if key is not None:
        assert organization_key(one) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("中国银行股份有限公司", "中国建设银行股份有限公司"),
        ("中国银行客户服务中心", "中国建设银行"),
        ("平安银行股份有限公司", "中国平安保险（集团）股份有限公司"),
        ("平安银行", "平安保险"),
        ("中国平安财产保险股份有限公司", "中国平安人寿保险股份有限公司"),
        ("上海银行", "北京银行"),
        ("中国移动通信集团有限公司", "中国联合网络通信集团有限公司"),
        ("中国电信", "中国移动"),
        ("华东电力(95598)客户服务中心", "华北电力客户服务中心"),
    ],
)
def test_different_organisations_stay_apart(one, other):
    assert organization_key(one) != organization_key(other)


def test_a_key_is_never_cut_to_nothing():
    # a name that is all suffix, or a place and a suffix, keeps what it has
    assert organization_key("客服中心") == "客服中心"
    assert organization_key("中心") == "中心"
    assert organization_key("有限公司") == "有限公司"
    assert organization_key("中国客服中心") == "中国"
    assert organization_key("上海分行") == "上海"


def test_a_bracket_of_another_kind_keeps_what_it_holds():
    assert organization_key("华东电力（95598）客户服务中心") == "华东电力95598"
    assert organization_key("东方【远程】银行") == "东方远程银行"
    assert organization_key("乐购（上海）超市有限公司") == "乐购超市"
    assert organization_key("星巴克(中国)咖啡") == "星巴克咖啡"


def test_a_place_is_dropped_only_where_a_branch_names_it():
    assert organization_key("北京银行") == "北京银行"
    assert organization_key("北京银行深圳分行") == "北京银行"
    assert organization_key("中国移动广东客服中心") == "中国移动"
    assert organization_key("浦发银行泉州市分行") == "浦发银行"
