"""Demo: the season's judge pool (评委库) and its conflicts of interest. Twelve
judges with expertise spread over the industries, channels and dimensions; some
work or worked for demo entrants (detected conflicts: a current employer, a
former one, an affiliation), one shares an entrant's e-mail domain, and the demo
judge (钱专家) recommended an entry (flagged under the default policy) and
declares one conflict. Detection runs; the organizers confirm one conflict."""

from __future__ import annotations

import ccaward.judging.demo_assignment  # noqa: F401  (its step: the assignment, 52)
from ccaward.core.demo import DemoContext, demo_step
from ccaward.judging import domain
from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Conflict

# name, e-mail, title, employer, former employers, affiliations, industries, channels, dimensions (by position)
JUDGES = [
    (
        "王建国",
        "wangjianguo@orient-bank.demo.ccaward.cn",
        "远程银行部 总经理",
        "东方联合银行股份有限公司北京分行",
        [],
        [],
        ["banking"],
        ["voice", "app"],
        [0, 3],
    ),
    (
        "李晓燕",
        "lixiaoyan@xinghe-mobile.demo.ccaward.cn",
        "客户服务部 副总经理",
        "星河移动通信有限公司广东分公司",
        [],
        [],
        ["telecom"],
        ["voice", "social", "app"],
        [2, 4],
    ),
    (
        "张伟",
        "zhangwei@cx-lab.demo.ccaward.cn",
        "首席顾问",
        "卓越体验管理咨询有限公司",
        ["华信人寿保险股份有限公司"],
        [],
        ["insurance", "banking"],
        ["voice", "email"],
        [1, 2],
    ),
    (
        "陈静",
        "chenjing@bpo-forum.demo.ccaward.cn",
        "秘书长",
        "中国客户联络外包产业联盟",
        [],
        ["汇智联络服务有限公司"],
        ["outsourcing"],
        ["voice", "web_chat"],
        [3, 5],
    ),
    (
        "杨帆",
        "yangfan@ecnu-cx.demo.ccaward.cn",
        "教授",
        "华东管理学院服务管理研究中心",
        [],
        [],
        ["ecommerce", "government"],
        ["web_chat", "app"],
        [0, 1],
    ),
    (
        "赵敏",
        "zhaomin@skyline-air.demo.ccaward.cn",
        "服务质量总监",
        "云途出行服务有限公司",
        ["祥云航空股份有限公司"],
        [],
        ["airline"],
        ["voice", "app", "social"],
        [1, 4],
    ),
    (
        "黄磊",
        "huanglei@gov-hotline.demo.ccaward.cn",
        "研究员",
        "城市治理研究院",
        [],
        [],
        ["government", "utilities"],
        ["voice", "web_chat", "social"],
        [2, 5],
    ),
    (
        "周婷",
        "zhouting@ai-service.demo.ccaward.cn",
        "产品副总裁",
        "智言人工智能科技有限公司",
        [],
        [],
        ["telecom", "ecommerce"],
        ["web_chat", "app", "video"],
        [3, 4],
    ),
    (
        "吴昊",
        "wuhao@power-cs.demo.ccaward.cn",
        "客服管理专家",
        "电能服务标准化技术委员会",
        [],
        [],
        ["utilities"],
        ["voice", "sms"],
        [0, 2],
    ),
    (
        "孙丽",
        "sunli@finance-cx.demo.ccaward.cn",
        "高级经理",
        "金融服务体验研究会",
        [],
        [],
        ["banking", "insurance"],
        ["voice", "app", "video"],
        [1, 5],
    ),
]
# the demo judge persona (钱专家), who recommended entries (recommendations/demo.py)
PERSONA = (
    "钱专家",
    "资深客户联络中心顾问",
    "东海商学院",
    ["outsourcing", "banking"],
    ["voice", "web_chat", "email"],
    [0, 1],
)
SAME_DOMAIN = (
    "郑浩",
    "运营标杆研究负责人",
    "联络中心运营研究会",
    ["banking"],
    ["voice", "email"],
    [2, 3],
)


def _codes(ctx, positions):
    codes = list(ctx.season.current_framework().dimensions.values_list("code", flat=True))
    return [codes[i % len(codes)] for i in positions] if codes else []


def _add(
    ctx, organizer, name, email, title, employer, former, affiliations, industries, channels, dims
):
    return domain.add_judge(
        season=ctx.season,
        values={
            "name": name,
            "email": email,
            "title": title,
            "employer": employer,
            "former_employers": former,
            "affiliations": affiliations,
            "industries": industries,
            "channels": channels,
            "dimensions": _codes(ctx, dims),
        },
        by=organizer,
    )


def _entrant_domain(ctx) -> str:
    """The e-mail domain of a submitted demo entry's form filler (江南商业银行's)."""
    for entry in ctx.entries:
        email = (entry.answers or {}).get("filler_email", "")
        if entry.center.name.startswith("江南商业银行") and "@" in email:
            return email.rsplit("@", 1)[1]
    return ""


@demo_step(50)
def judges(ctx: DemoContext) -> None:
    organizer = ctx.users.get("organizer")
    for row in JUDGES:
        _add(ctx, organizer, *row)
    domain_ = _entrant_domain(ctx)
    if domain_:
        name, title, employer, industries, channels, dims = SAME_DOMAIN
        _add(
            ctx,
            organizer,
            name,
            f"zhenghao@{domain_}",
            title,
            employer,
            [],
            [],
            industries,
            channels,
            dims,
        )
    persona = ctx.users.get("judge")
    if persona is not None:
        name, title, employer, industries, channels, dims = PERSONA
        judge = _add(
            ctx, organizer, name, persona.email, title, employer, [], [], industries, channels, dims
        )
        entry = next((e for e in ctx.entries if e.center.name.startswith("江南商业银行")), None)
        if entry is not None and entry.status in ("submitted", "accepted"):
            domain.declare_conflict(
                judge=judge,
                entry=entry,
                reason="三年前曾为该行客服中心的服务质量体系建设提供咨询，并参与其质检标准的制定。",
                by=persona,
            )
    domain.detect_conflicts(season=ctx.season, by=organizer)
    first = (
        Conflict.objects.filter(
            season=ctx.season, source=ConflictSource.EMPLOYER, status=ConflictStatus.DETECTED
        )
        .order_by("pk")
        .first()
    )
    if first is not None:
        domain.decide_conflict(
            conflict=first,
            decision="confirm",
            reason="评委现任职于参评企业的分支机构，确认回避。",
            by=organizer,
        )
    # the demo's own accounts share demo.ccaward.cn: not one employer
    for shared in Conflict.objects.filter(
        season=ctx.season,
        source=ConflictSource.EMAIL_DOMAIN,
        judge__email__endswith="@demo.ccaward.cn",
    ):
        domain.decide_conflict(
            conflict=shared,
            decision="dismiss",
            reason="演示账号共用 demo.ccaward.cn 域名，并非同一单位。",
            by=organizer,
        )
    ctx.lines.append(
        f"judges: {ctx.season.judges.count()}, conflicts: {ctx.season.conflicts.count()}"
    )
