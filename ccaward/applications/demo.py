"""Demo enterprises, centers and entries across the industries of the award.

Every entry has answers to the season's application form (see sample.py):
submitted ones are complete, with a small PNG for each required file question,
and pass the form's checks; drafts are part-way through. Two entries are
deliberate possible duplicates of others, for the organizer's duplicate flag.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from ccaward.applications import domain
from ccaward.applications.enums import Industry
from ccaward.applications.models import Entry
from ccaward.applications.sample import sample_answers
from ccaward.core.demo import DemoContext, demo_step
from ccaward.engine.ids import CREDIT_ALPHABET, CREDIT_WEIGHTS

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


# more centers, so that peer groups and the organizer's lists have some depth
MORE_CENTERS = [
    (
        "海港银行股份有限公司",
        "Haigang Bank",
        "海港银行远程银行中心",
        Industry.BANKING,
        650,
        2008,
        OMNI,
        True,
    ),
    (
        "瑞丰农村商业银行股份有限公司",
        "Ruifeng Rural Commercial Bank",
        "瑞丰农商银行客户服务中心",
        Industry.BANKING,
        120,
        2013,
        BEST,
        True,
    ),
    (
        "长青人寿保险股份有限公司",
        "Changqing Life Insurance",
        "长青人寿全国客户服务中心",
        Industry.INSURANCE,
        480,
        2007,
        BEST,
        True,
    ),
    (
        "祥和财产保险股份有限公司",
        "Xianghe Property Insurance",
        "祥和财险理赔服务中心",
        Industry.INSURANCE,
        340,
        2011,
        AI,
        False,
    ),
    (
        "天穹通信集团有限公司",
        "Tianqiong Communications Group",
        "天穹通信华南客户服务中心",
        Industry.TELECOM,
        1800,
        2003,
        BEST,
        True,
    ),
    (
        "联讯宽带科技有限公司",
        "Lianxun Broadband",
        "联讯宽带智能客服中心",
        Industry.TELECOM,
        220,
        2015,
        AI,
        True,
    ),
    (
        "西部电网供电服务有限公司",
        "West Grid Power Supply Services",
        "西部电网供电服务中心",
        Industry.UTILITIES,
        700,
        2006,
        BEST,
        True,
    ),
    (
        "江城电力客户服务有限公司",
        "Jiangcheng Power Customer Services",
        "江城电力客户服务热线",
        Industry.UTILITIES,
        150,
        2012,
        BEST,
        False,
    ),
    (
        "惠选商城网络科技有限公司",
        "Huixuan Mall",
        "惠选商城客户体验中心",
        Industry.ECOMMERCE,
        900,
        2014,
        OMNI,
        True,
    ),
    (
        "橙果生活科技有限公司",
        "Chengguo Life",
        "橙果生活在线客服中心",
        Industry.ECOMMERCE,
        180,
        2019,
        AI,
        False,
    ),
    (
        "海燕航空股份有限公司",
        "Haiyan Airlines",
        "海燕航空客户联络中心",
        Industry.AIRLINE,
        420,
        2009,
        OMNI,
        True,
    ),
    (
        "途远旅行网络科技有限公司",
        "Tuyuan Travel",
        "途远旅行客户服务中心",
        Industry.AIRLINE,
        1300,
        2010,
        OMNI,
        True,
    ),
    (
        "东湖市人民政府办公室",
        "Donghu Municipal Government Office",
        "东湖市12345政务服务便民热线",
        Industry.GOVERNMENT,
        320,
        2011,
        BEST,
        True,
    ),
    (
        "青川市政务服务和数据管理局",
        "Qingchuan Government Services and Data Administration",
        "青川市12345市民热线",
        Industry.GOVERNMENT,
        40,
        2016,
        BEST,
        False,
    ),
    (
        "启明星客户联络服务有限公司",
        "Qimingxing Contact Services",
        "启明星西安呼入服务中心",
        Industry.OUTSOURCING,
        1600,
        2008,
        OUTSOURCED,
        True,
    ),
    (
        "众联商务服务外包有限公司",
        "Zhonglian BPO",
        "众联合肥客户联络中心",
        Industry.OUTSOURCING,
        500,
        2014,
        OUTSOURCED,
        False,
    ),
]

# possible duplicates: (the CENTERS/MORE_CENTERS index whose credit code is
# reused, or None for a fresh one), then the row as above
DUPLICATES = [
    # the card centre of 东方联合银行 registered again as an enterprise of its own
    (
        0,
        (
            "东方联合银行股份有限公司（信用卡中心）",
            "Orient United Bank Credit Card Center",
            "东方联合银行信用卡中心远程服务部",
            Industry.BANKING,
            260,
            2016,
            AI,
            True,
        ),
    ),
    # a branch company enters the same center under its own name
    (
        None,
        (
            "汇智联络服务有限公司成都分公司",
            "Huizhi Contact Services, Chengdu Branch",
            "汇智联络呼入服务中心",
            Industry.OUTSOURCING,
            2200,
            2006,
            BEST,
            False,
        ),
    ),
]

DEMO_SEED = 2026


def demo_credit_code(n: int) -> str:
    """A well-formed (check character included) but fictitious credit code."""
    body = f"91310000MA1{n:06d}"[:17]
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def demo_png() -> bytes:
    """A real 2×2 PNG (what a scanned seal stands in for in the demo)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + bytes((200, 30, 30) * 2) for _ in range(2))  # red, like a seal
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def demo_pdf() -> bytes:
    """A real one-page, empty PDF (for a required file question that takes no PNG)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_upload(field) -> SimpleUploadedFile | None:
    """A small real file of a kind the file question accepts."""
    if "png" in field.accept:
        return SimpleUploadedFile(f"{field.key}.png", demo_png(), "image/png")
    if "pdf" in field.accept:
        return SimpleUploadedFile(f"{field.key}.pdf", demo_pdf(), "application/pdf")
    return None


def submit_demo_entry(entry: Entry, *, by, at: dt.datetime) -> None:
    """Submit a filled demo draft the way `domain.submit` does, minus its clock and
    its e-mail: the answers must pass every check of the form."""
    result = domain.validation(entry)
    if not result.ok:
        raise RuntimeError(f"demo entry {entry.center.name} does not validate: {result.problems}")
    domain.record_submission(entry=entry, result=result, by=by, at=at)


@demo_step(30)
def entries(ctx: DemoContext) -> None:
    rng = random.Random(DEMO_SEED)
    categories = {c.name_zh: c for c in ctx.season.categories.all()}
    applicant = ctx.users["applicant"]
    defn = domain.current_form(ctx.season).parsed
    required_files = [f for f in defn.fields.values() if f.type == "file" and f.required]
    rows = [(None, row) for row in CENTERS + MORE_CENTERS] + DUPLICATES
    ctx.entries = []
    for i, (reuse, row) in enumerate(rows):
        org_name, org_en, center_name, industry, seats, year, cat, submitted = row
        by = applicant if i == 0 else None
        org = domain.register_organization(
            by=by,
            name=org_name,
            name_en=org_en,
            credit_code=demo_credit_code((i if reuse is None else reuse) + 1),
        )
        center = domain.add_center(
            organization=org,
            by=None,
            name=center_name,
            industry=industry,
            seats=seats,
            year_started=year,
        )
        answers = sample_answers(
            defn, center=center, rng=rng, complete=submitted, today=ctx.now.date()
        )
        entry = domain.create_entry(
            season=ctx.season, category=categories[cat], center=center, by=by, answers=answers
        )
        if submitted:
            for field in required_files:
                upload = demo_upload(field)
                if upload is not None:
                    domain.attach_file(entry=entry, field_key=field.key, upload=upload, by=by)
        # applications came in over the month registration has been open
        created = ctx.now - dt.timedelta(days=rng.uniform(3, 28))
        saved = created + (ctx.now - created) * rng.uniform(0.2, 0.9)
        Entry.objects.filter(pk=entry.pk).update(created_at=created, saved_at=saved)
        entry.created_at, entry.saved_at = created, saved
        if submitted:
            submit_demo_entry(entry, by=by, at=saved)
        ctx.entries.append(entry)
