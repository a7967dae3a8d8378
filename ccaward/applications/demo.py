"""Demo enterprises, centers and entries across the industries of the award."""

from __future__ import annotations

from ccaward.applications import domain
from ccaward.applications.enums import Industry
from ccaward.applications.models import _CREDIT_ALPHABET, _CREDIT_WEIGHTS
from ccaward.core.demo import DemoContext, demo_step

BEST, OUTSOURCED, OMNI, AI = (
    "最佳客户中心",
    "最佳外包客户联络中心(呼入服务)",
    "卓越全渠道客服",
    "最佳智能客服应用",
)

# enterprise, English name, center, industry, seats, year started, category, submitted?
CENTERS = [
    (
        "东方联合银行股份有限公司",
        "Orient United Bank",
        "东方联合银行信用卡客户服务中心",
        Industry.BANKING,
        1200,
        2004,
        BEST,
        True,
    ),
    (
        "江南商业银行股份有限公司",
        "Jiangnan Commercial Bank",
        "江南商业银行客户服务中心",
        Industry.BANKING,
        350,
        2009,
        BEST,
        True,
    ),
    (
        "北辰农村商业银行",
        "Beichen Rural Commercial Bank",
        "北辰农商银行客服中心",
        Industry.BANKING,
        80,
        2015,
        BEST,
        False,
    ),
    (
        "华信人寿保险股份有限公司",
        "Huaxin Life Insurance",
        "华信人寿客户服务中心",
        Industry.INSURANCE,
        600,
        2006,
        BEST,
        True,
    ),
    (
        "安泰财产保险股份有限公司",
        "Antai Property Insurance",
        "安泰财险全国客服中心",
        Industry.INSURANCE,
        900,
        2008,
        OMNI,
        True,
    ),
    (
        "鼎和健康保险有限公司",
        "Dinghe Health Insurance",
        "鼎和健康险客服中心",
        Industry.INSURANCE,
        150,
        2017,
        AI,
        True,
    ),
    (
        "星河移动通信有限公司",
        "Xinghe Mobile",
        "星河移动客户服务中心",
        Industry.TELECOM,
        3000,
        2001,
        OMNI,
        True,
    ),
    (
        "四海宽带网络有限公司",
        "Sihai Broadband",
        "四海宽带客服中心",
        Industry.TELECOM,
        1500,
        2007,
        BEST,
        True,
    ),
    (
        "云岭电信有限公司",
        "Yunling Telecom",
        "云岭电信客服中心",
        Industry.TELECOM,
        400,
        2010,
        AI,
        True,
    ),
    (
        "华东电力供电服务有限公司",
        "East China Power Supply",
        "华东电力95598客户服务中心",
        Industry.UTILITIES,
        800,
        2005,
        BEST,
        True,
    ),
    (
        "清源水务集团",
        "Qingyuan Water",
        "清源水务客服热线",
        Industry.UTILITIES,
        60,
        2012,
        BEST,
        False,
    ),
    (
        "优品网络科技有限公司",
        "Youpin Online",
        "优品网客户体验中心",
        Industry.ECOMMERCE,
        1100,
        2011,
        OMNI,
        True,
    ),
    (
        "快购商城有限公司",
        "Kuaigou Mall",
        "快购商城在线客服中心",
        Industry.ECOMMERCE,
        700,
        2013,
        OMNI,
        True,
    ),
    (
        "鲜到家电子商务有限公司",
        "Xiandaojia Fresh",
        "鲜到家客服中心",
        Industry.ECOMMERCE,
        250,
        2018,
        AI,
        True,
    ),
    (
        "祥云航空股份有限公司",
        "Xiangyun Airlines",
        "祥云航空客户服务中心",
        Industry.AIRLINE,
        500,
        2003,
        BEST,
        True,
    ),
    (
        "鹏程航空有限公司",
        "Pengcheng Airlines",
        "鹏程航空呼叫中心",
        Industry.AIRLINE,
        300,
        2012,
        BEST,
        True,
    ),
    (
        "滨江市政务服务管理办公室",
        "Binjiang City Government Service Office",
        "滨江市12345市民服务热线",
        Industry.GOVERNMENT,
        450,
        2010,
        BEST,
        True,
    ),
    (
        "临海市政务服务中心",
        "Linhai City Government Service Center",
        "临海市12345政务服务便民热线",
        Industry.GOVERNMENT,
        200,
        2014,
        BEST,
        False,
    ),
    (
        "汇智联络服务有限公司",
        "Huizhi Contact Services",
        "汇智联络呼入服务中心",
        Industry.OUTSOURCING,
        2200,
        2006,
        OUTSOURCED,
        True,
    ),
    (
        "远景客户服务外包有限公司",
        "Yuanjing BPO",
        "远景客服外包基地",
        Industry.OUTSOURCING,
        900,
        2009,
        OUTSOURCED,
        True,
    ),
    (
        "佳信商务流程外包有限公司",
        "Jiaxin BPO",
        "佳信成都呼入中心",
        Industry.OUTSOURCING,
        600,
        2013,
        OUTSOURCED,
        True,
    ),
    (
        "博远信息服务有限公司",
        "Boyuan Information Services",
        "博远客户联络中心",
        Industry.OUTSOURCING,
        350,
        2016,
        OUTSOURCED,
        False,
    ),
]


def demo_credit_code(n: int) -> str:
    """A well-formed (check character included) but fictitious credit code."""
    body = f"91310000MA1{n:06d}"[:17]
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return body + _CREDIT_ALPHABET[(31 - total % 31) % 31]


@demo_step(30)
def entries(ctx: DemoContext) -> None:
    categories = {c.name_zh: c for c in ctx.season.categories.all()}
    applicant = ctx.users["applicant"]
    ctx.entries = []
    for i, (org_name, org_en, center_name, industry, seats, year, cat, submitted) in enumerate(
        CENTERS
    ):
        org = domain.register_organization(
            by=applicant if i == 0 else None,
            name=org_name,
            name_en=org_en,
            credit_code=demo_credit_code(i + 1),
        )
        center = domain.add_center(
            organization=org,
            by=None,
            name=center_name,
            industry=industry,
            seats=seats,
            year_started=year,
        )
        entry = domain.create_entry(
            season=ctx.season, category=categories[cat], center=center, by=None, submit=submitted
        )
        ctx.entries.append(entry)
