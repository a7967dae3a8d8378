"""Demo: the demo judge's recommendations across the categories; two are invited
to apply, and those whose center has entered already are linked to its entry."""

from __future__ import annotations

from ccaward.core.demo import DemoContext, demo_step
from ccaward.recommendations import domain

# category, center, enterprise, contact, e-mail, phone, reason, invite?
RECOMMENDATIONS = [
    (
        "最佳客户中心",
        "东方联合银行 信用卡客户服务中心",
        "东方联合银行股份有限公司",
        "周敏",
        "zhoumin@orient-bank.demo.ccaward.cn",
        "021-6888 1000",
        "信用卡中心近三年客户满意度稳定在 95% 以上,投诉一次解决率行业领先,值得参评。",
        False,
    ),
    (
        "卓越全渠道客服",
        "星河移动客户服务中心",
        "星河移动通信有限公司",
        "陈立",
        "chenli@xinghe-mobile.demo.ccaward.cn",
        "",
        "语音、App、微信与视频客服统一工单,跨渠道转接无需重复说明问题,体验一致。",
        False,
    ),
    (
        "最佳客户中心",
        "南岭燃气客户服务热线",
        "南岭燃气集团有限公司",
        "黄海涛",
        "huanghaitao@nanling-gas.demo.ccaward.cn",
        "0755-8600 2200",
        "抢修派单与热线联动,紧急报修平均 25 分钟到场;今年冬季保供期间服务口碑很好。",
        True,
    ),
    (
        "最佳智能客服应用",
        "海川证券智能客服中心",
        "海川证券股份有限公司",
        "林晓",
        "linxiao@haichuan-sec.demo.ccaward.cn",
        "",
        "智能语音导航上线一年,自助解决率从 38% 提升到 61%,且有完整的效果评估数据。",
        True,
    ),
    (
        "最佳外包客户联络中心(呼入服务)",
        "百川联络呼入服务中心(成都)",
        "百川商务服务有限公司",
        "王珂",
        "wangke@baichuan-bpo.demo.ccaward.cn",
        "028-8555 3300",
        "为三家银行提供呼入服务,委托方续约率高,质检体系与培训体系完善。",
        False,
    ),
    (
        "卓越全渠道客服",
        "长风物流客户体验中心",
        "长风物流股份有限公司",
        "赵一鸣",
        "zhaoyiming@changfeng-logistics.demo.ccaward.cn",
        "",
        "在线客服与快递员端打通,异常件主动外呼通知,旺季服务水平仍保持在 85% 以上。",
        False,
    ),
]


@demo_step(35)
def recommendations(ctx: DemoContext) -> None:
    judge = ctx.users.get("judge")
    organizer = ctx.users.get("organizer")
    categories = {c.name_zh: c for c in ctx.season.categories.all()}
    for cat, center, org, contact, email, phone, reason, invite in RECOMMENDATIONS:
        rec = domain.recommend(
            season=ctx.season,
            by=judge,
            category=categories[cat],
            center_name=center,
            organization_name=org,
            contact_name=contact,
            contact_email=email,
            contact_phone=phone,
            reason=reason,
        )
        if invite:
            domain.invite(recommendation=rec, by=organizer, language="zh-hans")
    for entry in ctx.entries:
        domain.link_entry(entry)
