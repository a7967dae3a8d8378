"""The default application form is seed 003 in full, and its documentation is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ccaward.engine import appform

ROOT = Path(__file__).resolve().parents[2]
DATA = yaml.safe_load(
    (ROOT / "ccaward/applications/data/form_default.yaml").read_text(encoding="utf-8")
)

# Distinctive wording of every question of seed 003, in its order.
SEED_QUESTIONS = [
    "企业名称",
    "企业总机",
    "企业网址",
    "企业地址",
    "企业公众号",
    "填表人姓名",
    "部门",
    "职位",
    "邮件",
    "固定",
    "钉钉",
    "呼叫中心名称",
    "呼叫中心地址",
    "开始运营年份",
    "客服主要业务",
    "从事行业",
    "服务时间",
    "服务渠道",
    "全职座席",
    "兼职座席",
    "远程客户代表",
    "本科及以上",
    "25岁以下",
    "50岁以上",
    "物理坐席数",
    "呼叫中心总面积",
    "呼入",
    "呼出",
    "IVR",
    "年度总交互量",
    "组织架构图",
    "公司使命",
    "企业愿景",
    "核心价值观",
    "总体战略",
    "全渠道",
    "三大挑战",
    "招聘方法",
    "面试方法",
    "招聘准确率",
    "培训体系",
    "最重要的3项",
    "新员工",
    "在职员工",
    "培训和发展计划",
    "全职员工的年度流失率",
    "员工满意度调查",
    "降低员工流失率",
    "排班管理",
    "激励员工",
    "管理认证",
    "专门的部门",
    "语音和非语音",
    "非语音渠道",
    "理由",
    "呼入,呼出或两者",
    "教育",
    "开发和部署",
    "成功与否",
    "成功案例",
    "质量管理体系",
    "客户满意度分值",
    "评分方法",
    "客户不满意度",
    "谁负责评测",
    "频次",
    "采取了哪些措施",
    "最大成果",
    "平均联系处理时间",
    "平均联系后处理时间",
    "放弃率",
    "首次联系解决率",
    "占用率",
    "质量分值",
    "缺勤率",
    "兼职人员流失率",
    "管理人员",
    "质检",
    "培训师",
    "独立的呼叫中心系统",
    "云端",
    "CTI",
    "IVA",
    "Chatbot",
    "Dialer",
    "WEB Chat",
    "CM",
    "智能质检",
    "WFM",
    "ERMS",
    "电子培训",
    "其他技术",
    "灾备中心",
    "BCP",
    "未来1-3年",
    "环境管理及职业安全",
    "信息安全管理认证",
    "噪音控制",
    "灯光",
    "布局",
    "准备室",
    "培训室",
    "休息室",
    "餐厅",
    "娱乐室",
    "健身房",
    "户外活动空间",
    "停车位",
    "医疗室",
    "浴室",
    "托儿",
    "人体工程学",
    "座椅",
    "桌子",
    "耳麦",
    "职业健康与环境安全的建议",
    "最近一次检讨",
    "优秀实践",
    "20分钟",
    "单位名称",
    "地 址",
    "邮 编",
    "电 话",
    "传 真",
    "联 系 人",
    "电子邮件",
    "属实",
    "公 章",
    "年 月 日",
    "自荐或推荐",
    "会员/理事单位优先",
    "无需交纳费用",
    "整体总结材料",
]


def sources() -> str:
    texts = []
    for section in DATA["sections"]:
        for f in section["fields"]:
            texts.append(f.get("source", ""))
            texts.extend(str(r.get("label", {}).get("zh", "")) for r in f.get("rows", []))
            texts.extend(str(c.get("label", {}).get("zh", "")) for c in f.get("columns", []))
    return "\n".join(texts)


def test_every_seed_question_is_in_the_default_form():
    text = sources()
    missing = [q for q in SEED_QUESTIONS if q not in text]
    assert missing == []


def test_the_default_form_loads_with_every_field_type_and_rule():
    defn = appform.load_definition(DATA)
    types = {f.type for f in defn.fields.values()}
    assert {
        "text",
        "textarea",
        "integer",
        "decimal",
        "percent",
        "choice",
        "multi",
        "table",
        "date",
        "file",
        "yesno",
        "consent",
        "info",
    } <= types
    assert [s.part for s in defn.sections] == sorted(s.part for s in defn.sections)
    assert {s.part for s in defn.sections} == {1, 2, 3, 4}
    assert len(defn.sections) == 18 and len(defn.fields) >= 120
    assert defn.field("challenges").min_picks == defn.field("challenges").max_picks == 3
    assert any(f.visible_if for f in defn.fields.values()) or any(
        f.detail for f in defn.fields.values()
    )
    assert {c.key for c in defn.checks} >= {"age_mix_sum", "interaction_mix_inbound_sum"}
    assert all(f.source for f in defn.fields.values())


def test_the_field_key_table_in_docs_is_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/form_docs.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    doc = (ROOT / "docs/application-form.md").read_text(encoding="utf-8")
    for section in DATA["sections"]:
        for f in section["fields"]:
            assert f"`{f['key']}`" in doc, f["key"]
