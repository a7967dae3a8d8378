"""Company and contact-center names as compared.

Two keys, for two questions:

:func:`normalize_name` asks "is this the same contact center?" (possible duplicate
entries, recommendations linked to an entry, rows of an import): the name as
typed, with width, case, spaces, brackets and punctuation made irrelevant, and
nothing else. 华东电力(95598)客户服务中心 and 华东电力客户服务中心 stay two centers.

:func:`organization_key` asks "is this the same organisation?" (a judge's employer
and an entrant, when conflicts of interest are looked for): the name reduced to
what identifies the enterprise, so that the company, its branches and its
contact centers meet. Legal forms (股份有限公司, 有限责任公司, 有限公司, 集团, 公司)
end the name, whatever follows them (a branch: 中国工商银行股份有限公司北京市分行);
branch and center suffixes (分公司, 分行, 支行, 客户服务中心, 客服中心, 呼叫中心,
中心 ...) are dropped from the end, with the place a branch is named after
(上海银行北京分行); a bracket holding a legal form or a place (（集团）, （中国）,
（上海）) is dropped with what it holds, another bracket only loses its marks.
中国建设银行股份有限公司 and 中国建设银行客户服务中心 give 中国建设银行; 中国银行
stays apart from it, and 平安银行 from 平安保险. A key is a heuristic for finding
candidates that a person then confirms: the subsidiaries of a group named after
it (中国移动通信集团广东有限公司) meet the group, a district's sub-branch
(…北京海淀支行) keeps its district.

Both are idempotent and insensitive to full- and half-width forms (NFKC).
"""

from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------- shared


def _fold(text: str) -> str:
    """Compatibility forms (full-width letters, digits, brackets, ideographic space)
    folded to their plain forms, and case folded."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


# --------------------------------------------------------------------------- centers


_CENTER_NOISE = re.compile(r"[\s()（）\-_·.,，]+")


def normalize_name(name: str) -> str:
    """A center name as compared (possible duplicates, recommendations, imports):
    full-width forms folded to half-width (NFKC), case folded, spaces, brackets and
    punctuation removed."""
    return unicodedata.normalize("NFKC", _CENTER_NOISE.sub("", _fold(name or "")))


# --------------------------------------------------------------------------- organisations

# dropped from the end; a suffix comes before the shorter ones it ends with (分中心, 中心)
BRANCH_SUFFIXES = (
    "客户服务中心",
    "客户联络中心",
    "客户体验中心",
    "信用卡中心",
    "客户中心",
    "客服中心",
    "呼叫中心",
    "联络中心",
    "服务中心",
    "分中心",
    "中心",
    "营业部",
    "分公司",
    "分行",
    "支行",
)
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南",
    "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
    "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
CITIES = (
    "深圳", "广州", "杭州", "南京", "成都", "武汉", "西安", "苏州", "宁波", "青岛",
    "大连", "厦门", "沈阳", "长沙", "郑州", "济南", "福州", "合肥", "哈尔滨", "长春",
    "石家庄", "太原", "南昌", "南宁", "昆明", "贵阳", "兰州", "西宁", "银川", "拉萨",
    "乌鲁木齐", "呼和浩特", "海口", "无锡", "佛山", "东莞", "珠海", "温州", "烟台",
    "泉州", "常州", "徐州", "绍兴", "嘉兴", "金华", "台州", "中山", "惠州", "唐山",
)  # fmt: skip
_REGION_SUFFIX = r"(?:省|市|特别行政区|(?:壮族|回族|维吾尔)?自治区)?"
_REGION = (
    r"(?:中国|china|prc|"
    + "|".join(sorted(PROVINCES + CITIES, key=len, reverse=True))
    + r")"
    + _REGION_SUFFIX
    + r"|[\u4e00-\u9fff]{2}(?:省|市)"
)
_LEGAL_WORD = (
    r"股份有限公司|有限责任公司|有限公司|集团|控股|股份|有限合伙|特殊普通合伙|普通合伙|公司"
)

_BRACKETS = str.maketrans("[]【】〔〕〖〗{}", "()()()()()")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_DROPPED_IN_BRACKETS = re.compile(rf"(?:{_REGION}|{_LEGAL_WORD})+")
_LATIN_FORM = re.compile(
    r"\s+(?:co\s*ltd|company\s+limited|limited|ltd|incorporated|inc|corporation|corp"
    r"|company|group|plc)\s*$"
)
# the legal forms that end a name (分公司 is a branch, dropped as a suffix)
_LEGAL = re.compile(r"股份有限公司|有限责任公司|有限公司|集团|(?<!分)公司")
_TRAILING_REGION = re.compile(rf"(?:{_REGION})$")
_SHORTEST = 2  # a key is never cut below two characters


def _brackets(text: str) -> str:
    """A bracket holding only places and legal forms goes with what it holds."""
    text = text.translate(_BRACKETS)
    return _BRACKETED.sub(
        lambda m: "" if _DROPPED_IN_BRACKETS.fullmatch(m.group(1).strip()) else m.group(1), text
    )


def _spaced(text: str) -> str:
    """Punctuation and invisible characters as spaces, so that words stay apart."""
    return "".join(" " if unicodedata.category(c)[0] in "PZC" else c for c in text)


def _latin_forms(text: str) -> str:
    """Co., Ltd., Limited, Inc., Corporation, Group ending a Latin name."""
    while (m := _LATIN_FORM.search(text)) and len(text[: m.start()].strip()) >= _SHORTEST:
        text = text[: m.start()]
    return text


def _unspaced(text: str) -> str:
    return unicodedata.normalize("NFKC", text.replace(" ", ""))


def _before_legal_form(text: str) -> str:
    """The name before its first legal form: what follows one names a branch."""
    m = _LEGAL.search(text)
    return text[: m.start()] if m and m.start() >= _SHORTEST else text


def _strip_suffixes(text: str) -> str:
    """Branch and center suffixes dropped from the end, each with the place before it."""
    while True:
        suffix = next((s for s in BRANCH_SUFFIXES if text.endswith(s)), None)
        if suffix is None or len(text) - len(suffix) < _SHORTEST:
            return text
        text = text[: -len(suffix)]
        while (m := _TRAILING_REGION.search(text)) and m.start() >= _SHORTEST:
            text = text[: m.start()]


def organization_key(name: str) -> str:
    """What identifies an organisation in `name`, for finding the same one under its
    company, branch and center names (see the module's description)."""
    text = _unspaced(_latin_forms(_spaced(_brackets(_fold(name or "")))))
    return _strip_suffixes(_before_legal_form(text))
