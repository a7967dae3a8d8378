"""Realistic sample answers to an application form, for the demo and for tests.

:func:`sample_answers` fills a whole form definition for one contact center the
way an applicant would type it: raw strings (lists for multi-choice), the
enterprise's and the center's known data taken from the models (``maps_to``),
figures scaled to the center's seats, compositions that add up to what every
check of the definition asks, and professional Chinese prose for the free-text
questions. Everything comes from the ``random.Random`` it is given, so the same
seed gives the same answers.

Questions this module has no special knowledge of are answered from their type
and limits, so a revised definition still gets answers that validate. File
questions are left out (a caller attaches files through the domain).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from decimal import Decimal

from ccaward.engine import appform
from ccaward.engine.ids import CREDIT_ALPHABET, CREDIT_WEIGHTS

# --------------------------------------------------------------------------- pools

# city, area code, postcode prefix, districts, roads
CITIES = [
    (
        "上海",
        "021",
        "200",
        ["浦东新区", "徐汇区", "静安区", "闵行区"],
        ["世纪大道", "张江路", "宜山路", "南京西路", "虹梅路"],
    ),
    (
        "北京",
        "010",
        "100",
        ["朝阳区", "海淀区", "西城区", "丰台区"],
        ["建国路", "中关村大街", "金融大街", "丽泽路"],
    ),
    ("广州", "020", "510", ["天河区", "黄埔区", "海珠区"], ["花城大道", "科学大道", "新港东路"]),
    ("深圳", "0755", "518", ["南山区", "福田区", "龙岗区"], ["高新南一道", "深南大道", "五和大道"]),
    ("杭州", "0571", "310", ["滨江区", "西湖区", "余杭区"], ["网商路", "文三路", "文一西路"]),
    ("成都", "028", "610", ["高新区", "武侯区", "天府新区"], ["天府大道", "益州大道", "锦城大道"]),
    ("南京", "025", "210", ["建邺区", "江宁区", "鼓楼区"], ["江东中路", "苏源大道", "中山北路"]),
    ("武汉", "027", "430", ["东湖高新区", "江汉区"], ["光谷大道", "建设大道"]),
    ("西安", "029", "710", ["高新区", "雁塔区"], ["锦业路", "科技路"]),
    ("合肥", "0551", "230", ["高新区", "蜀山区"], ["望江西路", "创新大道"]),
    ("天津", "022", "300", ["滨海新区", "河西区"], ["第二大街", "友谊路"]),
    ("重庆", "023", "400", ["渝北区", "两江新区"], ["金开大道", "星光大道"]),
    ("长沙", "0731", "410", ["岳麓区", "雨花区"], ["麓谷大道", "万家丽路"]),
    ("大连", "0411", "116", ["高新园区", "沙河口区"], ["黄浦路", "软件园路"]),
]
# cities where contact centers are often run away from the head office
CENTER_CITIES = ("成都", "合肥", "西安", "大连", "武汉", "长沙", "重庆")

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
    ("杨", "yang"), ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"),
    ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
    ("郭", "guo"), ("何", "he"), ("林", "lin"), ("罗", "luo"), ("高", "gao"),
    ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"),
    ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
]  # fmt: skip
GIVEN_NAMES = [
    ("静", "jing"), ("敏", "min"), ("伟", "wei"), ("磊", "lei"), ("婷", "ting"),
    ("丽娟", "lijuan"), ("晓东", "xiaodong"), ("海燕", "haiyan"), ("志强", "zhiqiang"),
    ("佳怡", "jiayi"), ("俊杰", "junjie"), ("雪梅", "xuemei"), ("建华", "jianhua"),
    ("思远", "siyuan"), ("晓琳", "xiaolin"), ("文博", "wenbo"), ("欣然", "xinran"),
    ("宏伟", "hongwei"), ("慧敏", "huimin"), ("立新", "lixin"), ("春燕", "chunyan"),
    ("浩然", "haoran"), ("梦瑶", "mengyao"), ("雅琴", "yaqin"), ("国栋", "guodong"),
]  # fmt: skip
DEPARTMENTS = ["客户服务部"] * 6 + ["客户体验管理部", "运营管理部"]
TITLES = [
    "客服中心总经理",
    "客服中心副总经理",
    "运营总监",
    "运营管理经理",
    "质量管理经理",
    "培训与发展经理",
    "综合管理主管",
    "客户体验经理",
]
ORG_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "股份")

MISSION = [
    "以客户为中心，用专业、高效、有温度的服务，让每一次联络都解决问题、创造价值。",
    "连接客户与企业，倾听每一个声音，把客户的需求转化为产品和服务的持续改进。",
    "为客户提供便捷、可信赖的全渠道服务，为企业守护品牌口碑与客户资产。",
    "让服务更简单、更可靠：一次联络解决问题，每一次服务都值得信赖。",
    "用心服务每一位客户，以数据和科技驱动服务创新，助力企业高质量发展。",
    "做客户身边的贴心顾问，以专业解答、快速响应和主动关怀提升客户体验。",
]
VISION = [
    "成为行业领先的智慧客户联络中心，打造客户首选、员工自豪的服务品牌。",
    "三年内建成覆盖全渠道、全旅程的客户体验中心，服务质量达到国际一流水平。",
    "从成本中心转型为价值中心，成为企业洞察客户、驱动经营的核心枢纽。",
    "以智能化、数字化为引擎，建设国内领先的客户服务运营标杆。",
    "让客户在任何渠道、任何时间都能获得一致、顺畅、有温度的服务体验。",
    "打造学习型、创新型的客服团队，成为行业服务人才培养的摇篮。",
]
VALUES = [
    "客户至上、专业高效、团队协作、持续改进。",
    "诚信、担当、创新、共赢。",
    "倾听、尊重、负责、超越期望。",
    "以客为尊，以人为本，以质取胜，以新求进。",
    "真诚服务、精益运营、开放学习、追求卓越。",
    "用心、专业、协同、创新。",
]

# the answer to a free-text question: one paragraph written for it, sometimes
# followed by one of GENERAL; placeholders are filled from the center's figures
PARAGRAPHS: dict[str, list[str]] = {
    "strategy_overall": [
        "{center}定位为{short}面向客户的统一服务入口，承担咨询、业务办理、投诉处理和客户关怀四大职能。中心围绕“提升体验、降低成本、创造价值”制定三年规划，并将客户声音分析纳入公司经营例会，推动产品与流程的源头改进。",
        "我们的总体战略是“服务+营销+洞察”三位一体：在保障服务水平的前提下，通过客户分层开展主动服务和交叉销售。中心每月向各业务条线输出客户之声报告，近一年推动流程优化项目二十余项，已成为公司客户经营的重要支撑。",
        "中心以“一次解决、全程可视、主动关怀”为服务战略，将热线、在线、App和社交媒体渠道统一纳入运营管理。通过服务数据与业务数据的打通，客服中心从被动应答转向主动预警，为降低客户流失、提升净推荐值做出直接贡献。",
    ],
    "strategy_omnichannel": [
        "我们以“渠道可选、体验一致、数据互通”为原则建设全渠道客户交互体系，语音、在线客服、微信、App和邮件共用一套知识库和工单系统。客户在不同渠道之间切换时，座席可以看到完整的联络轨迹，客户无需重复说明问题。",
        "中心推行“智能优先、人工兜底”的分层服务策略：常见咨询由智能语音导航和文本机器人自助解决，复杂业务和情绪激动的客户快速转接人工。目前机器人服务约承担{bot}%的呼入交互，人工座席更多地投入到复杂问题和高价值服务中。",
        "数字化转型方面，中心以客户旅程为主线梳理了开户、变更、报障、投诉等十余个关键场景，并为每个场景设计最合适的渠道组合。我们通过视频客服、远程协助和主动短信提醒，减少客户往返奔波，提升办理效率。",
    ],
    "recruitment_process": [
        "招聘采用校园招聘与社会招聘相结合的方式，并与{city}多所高职院校开展订单式培养合作。流程包括简历筛选、电话初面、情景模拟、小组面试、性格测评和业务主管终面，录用后进入为期两周的岗前培训与考核。",
        "我们建立了以胜任力模型为基础的招聘体系，重点考察沟通表达、情绪稳定性、学习能力和服务意愿。候选人需完成在线语音测评和打字测试后参加结构化面试；内部推荐入职的员工约占三成，稳定性明显高于其他渠道。",
        "根据话务预测和流失率测算年度招聘计划，按季度滚动招聘。面试环节引入真实录音听辨和模拟接待，由培训师与一线主管共同评分，确保新人具备基本的服务素质和岗位匹配度。",
    ],
    "training_system": [
        "中心建立了“岗前培训—上岗带教—在岗提升—管理储备”四级培训体系。新员工完成业务知识、系统操作、服务礼仪和合规课程后，由资深座席一对一带教一个月；在职员工每月参加专题培训和案例复盘。",
        "培训体系由内训师团队、线上学习平台和知识库三部分组成。我们按照业务线和技能等级设计课程地图，所有课程均配有考试和通关演练，培训结果与技能等级和岗位晋升直接挂钩。",
        "我们采用“训战结合”的方式：新政策和新产品上线前，培训团队根据知识库更新制作微课，在班前会和线上平台同步推送；质检发现的共性问题每周转化为培训案例，形成质检、培训、辅导的闭环。",
    ],
    "development_plan": [
        "每位员工都有个人发展档案，按照初级、中级、高级座席和专家座席的技能阶梯规划成长路径。表现优秀的员工可进入组长、质检员、培训师和数据分析等储备岗位，近三年内部晋升的管理人员超过六成。",
        "中心实施“青苗计划”和“领航计划”，分别面向优秀一线员工和基层管理者，内容涵盖团队管理、数据分析、教练技术和跨部门项目实践。我们还与高校合作开设在职学历提升项目，并给予学费补贴。",
        "职业发展分为专业线和管理线双通道：专业线设有业务专家、知识库编辑、智能训练师等岗位，管理线覆盖组长到运营经理。每半年进行一次人才盘点，结合绩效和潜力制定个性化发展计划。",
    ],
    "attrition_strategies": [
        "我们从招聘源头控制流失，优先选择认同服务价值、居住稳定的候选人；新员工入职前三个月安排带教师傅并定期回访，及时解决适应问题。对离职员工进行离职面谈并按月分析原因，针对性改进排班、薪酬和管理方式。",
        "降低流失的主要做法包括：建立与技能等级挂钩的透明薪酬机制、提供多元化的职业发展通道、开展员工关怀活动和心理疏导。对于高峰期压力较大的岗位，我们设置轮岗和休整机制，帮助员工保持良好的工作状态。",
        "中心设立员工体验小组，每季度开展员工满意度和敬业度调研，由管理层逐项跟进改进。通过优化考核指标、精简报表和流程、增加一线授权，全职员工流失率已降至{attrition}%。",
    ],
    "scheduling_wellbeing": [
        "排班团队基于历史话务数据和业务活动预测，提前四周发布班表，并允许员工在系统中自主换班和申报偏好班次。我们控制连续夜班和连续工作天数，保障员工每天有固定的休息和用餐时间。",
        "我们使用WFM系统进行精细化排班，在满足服务水平的同时兼顾员工的个人需求，例如为有子女的员工提供固定早班、为在读员工提供弹性班次。实时监控团队根据话务波动灵活安排培训和辅导，避免员工长时间高强度接线。",
        "中心推行“弹性排班+积分换班”机制，员工可以用积分优先选择节假日休息或偏好的班次。每两小时安排一次短休，高峰过后安排减压活动，排班满意度已纳入管理人员的考核。",
    ],
    "voice_vs_nonvoice": [
        "语音交互实时性强，适合处理紧急、复杂和情绪化的问题，对座席的即时沟通能力要求更高；非语音交互允许座席同时处理多个会话，更适合标准化咨询以及需要图片、链接等辅助信息的场景。",
        "两类交互的考核方式不同：语音渠道关注接通率、平均处理时长和一次解决率，文字渠道则关注首次响应时间、会话并发量和解决率。我们为两类渠道分别制定了质检标准和话术规范。",
        "非语音交互天然留存完整的文本记录，便于质检和知识挖掘；语音交互则依靠语音转写和情绪识别实现全量分析。中心通过统一的客户视图，确保两类交互的服务口径一致。",
    ],
    "nonvoice_channels": [
        "目前使用的非语音渠道包括网页在线客服、App内客服、微信公众号和小程序、短信以及电子邮件，部分业务还开通了视频客服和短视频平台企业号私信。",
        "非语音渠道主要有在线文字客服、微信服务号、企业微信、App消息中心、短信和邮件；智能文本机器人在这些渠道统一部署，由人工座席负责兜底服务。",
    ],
    "nonvoice_rationale": [
        "客户特别是年轻客户越来越习惯使用文字和移动端渠道，我们根据客户调研和渠道使用数据确定了优先建设的渠道。非语音渠道可以提升座席的并发处理能力，降低单次服务成本，同时减少客户等待。",
        "选择这些渠道的依据是客户旅程分析：客户在App和微信上办理业务时遇到问题，最自然的方式是就地咨询。在原场景中提供服务，既提高了问题解决率，也减少了客户转打热线。",
    ],
    "nonvoice_direction": [
        "非语音渠道以呼入服务为主，同时用于主动服务：账单提醒、业务办理进度通知、满意度回访和风险提示等呼出场景主要通过短信、微信模板消息和App推送完成。",
        "在线客服和社交媒体渠道用于呼入咨询；短信和邮件既用于呼入受理，也用于呼出通知和回访。我们对主动触达设置了频次控制，避免对客户造成打扰。",
    ],
    "omni_customer_education": [
        "我们在IVR等待音、短信和App首页持续引导客户使用自助服务和在线渠道，并制作图文和短视频使用指南。座席在通话结束时会根据客户习惯推荐合适的渠道，老年客户则保留一键转人工的快捷通道。",
        "通过线下网点、官方微信和社区活动宣传数字化服务，开展“线上办、掌上办”推广。对于首次使用在线渠道的客户，提供引导式服务和专人回访，帮助客户逐步养成使用习惯。",
    ],
    "omni_platform_challenges": [
        "主要挑战在于整合分散在多个系统中的客户数据和工单、统一各渠道的服务口径，以及在不中断服务的前提下完成系统切换。我们采用分阶段上线、灰度发布和新旧系统并行的方式控制风险。",
        "平台建设需要协调IT、业务和外部供应商多方资源，并满足信息安全和个人信息保护的合规要求。另一项挑战是座席技能的转变，我们通过多技能培训和模拟环境帮助员工尽快适应新平台。",
    ],
    "omni_success_measures": [
        "我们用一组平衡的指标衡量全渠道服务：客户满意度和净推荐值、跨渠道一次解决率、重复联络率、自助服务解决率以及单次服务成本，并按月在管理例会上回顾。",
        "判断成功与否的核心标准是客户是否“少跑路、少重复”：我们跟踪客户在48小时内跨渠道重复联络的比例和各渠道满意度的差异，同时关注全渠道上线后投诉量与服务成本的变化。",
    ],
    "omni_success_cases": [
        "去年我们上线了跨渠道统一工单，客户在微信提交的报修可在热线和App上实时查询进度，重复来电率下降约两成。在业务高峰期间，通过机器人分流和在线排队提醒，服务水平始终保持在目标值以上。",
        "针对老年客户，我们推出“一键直达人工”和视频协助服务，子女也可以通过小程序代为咨询。项目上线半年，老年客户满意度明显提升，并获得当地主管部门的肯定。",
        "我们将智能质检发现的高频问题反馈给产品部门，推动简化了两个业务办理流程，相关咨询量减少约三成，客户办理时长大幅缩短。",
    ],
    "omni_quality_system": [
        "全渠道质量管理以统一的质检标准为基础，语音和文字交互均纳入智能质检全量覆盖，人工质检重点抽查高风险和投诉类交互。质检结果按周反馈给班组长，用于一对一辅导和培训课程更新。",
        "中心参照COPC和ISO10002标准建立质量管理体系，覆盖服务标准制定、过程监控、结果评估和持续改进四个环节。每月召开质量分析会，对客户不满意的交互进行根因分析并跟踪整改。",
    ],
    "csat_biggest_outcome": [
        "通过对不满意评价的逐条回访和根因分析，我们发现账单解读是客户不满的主要来源；推动账单改版并上线智能解读服务后，相关投诉下降了约四成。",
        "满意度分析显示客户对等待时间最为敏感，我们据此优化了排班和IVR菜单层级，并上线预约回呼功能，客户平均等待时间明显缩短，满意度提升了两个百分点以上。",
        "我们根据满意度调研结果建立了“首问负责”机制，复杂问题由首位接待的座席跟进到底并主动回访，客户对问题解决的满意度显著提升。",
    ],
    "tech_planned": [
        "未来三年计划部署大模型知识助手、实时语音转写与坐席辅助、智能质检全覆盖以及客户旅程分析平台。预计可缩短平均处理时长约一成、提升一次解决率，并减轻座席查找知识的负担。",
        "我们将推进呼叫中心系统的云化改造，建设统一的全渠道联络平台和实时运营大屏，并引入智能排班和员工体验管理工具，在降低运维成本的同时提升运营的敏捷性和员工满意度。",
        "重点项目包括：视频客服与远程协助、基于大模型的智能外呼与回访、情绪识别预警，以及面向座席的个人数字工作台。这些技术将帮助我们更早发现客户问题，减少重复联络，降低服务成本。",
    ],
    "env_layout": [
        "中心共{floors}层，按业务线划分为若干开放式工作区，每个区域配备班组长工作台和实时数据显示屏。办公区与培训室、休息区、餐厅分区设置，座席间距和隔音处理符合相关标准。",
        "职场采用环形工位布局，中央为现场管理区，便于班组长及时支持座席。自然采光区域设为固定工位，同时设有安静的质检辅导室、母婴室和减压室。",
    ],
    "health_suggestions": [
        "通过员工意见箱、企业微信匿名问卷、季度员工座谈会和工会渠道收集职业健康与安全方面的建议，所有建议在两周内给予反馈，并公示改进进展。",
        "中心设立职业健康与安全委员会，一线员工代表占一半以上，每季度开展职场巡查，并围绕听力、视力和嗓音保护组织专题讨论。",
    ],
    "best_practices": [
        "近一年，中心在客户满意度、一次解决率和员工稳定性方面均有提升：一次解决率达到{fcr}%，员工流失率持续下降。“客户之声”闭环机制推动了多项产品和流程改进，体现了客服中心对企业经营的价值。",
        "我们相信客户体验来自员工体验。中心持续投入员工关怀与职业发展，同时以智能化手段减轻座席负担，在业务量增长的情况下保持了稳定的服务水平，这是我们申报本奖项的主要理由。",
        "中心建立了覆盖运营、质量、培训和技术的数据化管理体系，各项关键指标均达到或优于目标值。我们的多项实践已在{short}内部推广，并多次接待同业交流学习。",
    ],
    "finals_presentation": [
        "我们将以一个真实的客户旅程为主线，展示从智能导航、人工服务到主动回访的全过程，重点介绍跨渠道统一工单和客户之声闭环如何提升一次解决率。",
        "决赛展示将围绕“员工体验驱动客户体验”展开：介绍弹性排班、技能成长体系和员工关怀项目，并用数据说明这些做法对流失率和客户满意度的影响。",
        "我们会展示智能化转型的实践：机器人与人工的协同、智能质检和坐席辅助的落地过程、遇到的困难以及量化成果。",
    ],
}
GENERAL = [
    "我们坚持以客户体验为核心，定期开展客户旅程梳理，找出影响体验的关键触点并持续优化。",
    "智能质检实现了语音和文本交互的全量覆盖，质检人员得以把更多精力放在辅导和改进上。",
    "排班与实时管理团队每天根据话务预测调整人力，保证高峰时段的服务水平。",
    "在员工关怀方面，我们设立了心理咨询热线和减压室，并定期组织团队活动，增强员工的归属感。",
    "知识库由专人维护，每项业务变更都会在上线前完成知识更新和座席通关测试。",
    "我们通过月度运营分析会，把服务数据转化为可执行的改进任务，并跟踪落实到人。",
    "客户之声分析平台对投诉、建议和满意度评价进行主题聚类，帮助业务部门及时发现问题。",
    "全渠道工单系统让客户的问题在各渠道之间无缝流转，减少了客户重复说明的情况。",
    "我们高度重视服务合规与个人信息保护，所有座席每年均需通过合规考试。",
    "客服中心与业务部门共建服务标准，中心的意见已成为新产品上线评审的必要环节。",
    "中心每季度举办服务创新大赛，一线员工提出的改进建议已有多项在全中心推广。",
    "我们对标国内外同业的最佳实践，持续完善运营指标体系和管理流程。",
    "在应急保障方面，中心制定了话务突增预案和异地协同机制，能够在短时间内调配人力。",
    "数据分析团队每周输出运营简报，为管理层决策和资源配置提供依据。",
]
CSAT_METHOD = {
    5: "满意度采用5分制，服务结束后由系统通过短信、微信或IVR按键邀请客户评价，4分及以上计为满意。我们按渠道、业务类型和座席分别统计，每月剔除异常样本后形成分析报告。",
    100: "满意度采用百分制，由第三方调研机构按季度进行电话抽样回访，每季度有效样本不少于{samples}个，评价维度包括接通便捷性、专业程度、服务态度和问题解决四项。",
}

DETAILS = {
    "staff_survey": [
        "每年委托第三方开展一次员工敬业度调查，每季度进行一次简短的脉搏调研，结果向全体员工公开并制定改进计划。",
        "每半年开展一次匿名满意度调查，覆盖薪酬福利、工作环境、管理方式和职业发展，参与率超过九成。",
    ],
    "mgmt_certifications": [
        "ISO9001质量管理体系认证、ISO10002投诉处理管理体系认证",
        "COPC客户体验标准认证、ISO27001信息安全管理体系认证",
        "ISO9001、ISO27001、ISO45001认证",
        "客户联络中心服务能力成熟度五星级认证、ISO9001认证",
    ],
    "omni_team": [
        "设有全渠道运营部，负责在线、社交媒体和App渠道的运营、机器人训练和渠道策略。",
        "由数字服务组统一管理各非语音渠道，配备渠道运营专员和智能训练师。",
    ],
    "dissatisfaction_measured": [
        "对评价为不满意的客户在24小时内回访，统计不满意率并逐月分析原因。",
        "单独统计不满意率和投诉率，纳入班组和个人考核。",
    ],
    "tech_other": [
        "客户之声分析平台、知识库管理系统",
        "远程视频协助系统、RPA流程机器人",
        "实时语音转写与坐席辅助系统",
    ],
    "tech_bcp": [
        "制定了业务连续性计划，覆盖系统故障、自然灾害和公共卫生事件等场景，每半年开展一次切换演练。",
        "在异地设有备用职场，可在4小时内恢复核心业务，并定期演练居家远程办公预案。",
    ],
    "env_certifications": [
        "获得ISO14001环境管理体系和ISO45001职业健康安全管理体系认证。",
        "职场获评当地“绿色办公示范单位”。",
    ],
    "env_infosec_cert": [
        "ISO27001信息安全管理体系认证，并通过网络安全等级保护三级测评。",
        "通过ISO27001认证和PCI DSS合规评估。",
    ],
    "env_noise_control": [
        "工位配备降噪耳麦，墙面和天花板采用吸音材料，定期检测噪音分贝。",
        "区域之间设置隔音屏风，职场噪音控制在55分贝以下。",
    ],
    "env_lighting": [
        "采用防眩光LED照明并定期检测照度，工作面照度保持在300至500勒克斯之间。",
        "靠窗区域配备自动遮阳帘，照明亮度随自然光自动调节。",
    ],
    "facility_other": ["母婴室", "心理减压室", "员工图书角", "24小时便利店"],
    "ergo_other": ["护眼显示器支架", "可调节脚踏", "电动升降桌"],
}
GENERIC_DETAIL = "已建立相应制度，并定期检查执行情况。"
OTHER_TEXT = {
    "service_types": ["投诉受理", "客户回访调研", "业务办理"],
    "service_hours": ["工作日8:00-20:00，周末及节假日9:00-18:00", "每日8:00-22:00"],
    "service_channels": ["视频客服", "短视频平台企业号", "支付宝生活号"],
    "challenges": ["应对人工智能带来的岗位转型", "满足消费者权益保护的新监管要求"],
    "interview_methods": ["情景模拟", "录音听辨测试"],
    "new_hire_skills": ["抗压能力", "学习能力"],
    "motivation_methods": ["星级座席评选", "带薪休假奖励"],
    "csat_measured_by": ["集团客户体验部", "监管部门抽查"],
    "csat_frequency": ["每周监测、每月分析"],
    "csat_actions": ["优化IVR语音导航菜单", "上线预约回呼服务"],
    "center_industry": ["物流快递", "证券", "医疗健康"],
}
GENERIC_OTHER = "详见补充说明"

# how likely a centre has a facility / uses a technology (yes/no questions)
YES_CHANCE = {
    "facility_prep_room": 0.7,
    "facility_training_room": 0.97,
    "facility_rest_room": 0.95,
    "facility_canteen": 0.8,
    "facility_recreation_room": 0.5,
    "facility_gym": 0.35,
    "facility_outdoor": 0.35,
    "facility_parking": 0.6,
    "facility_medical_room": 0.4,
    "facility_showers": 0.3,
    "facility_childcare": 0.08,
    "facility_other": 0.25,
    "ergo_other": 0.2,
    "tech_other": 0.35,
    "tech_standalone_platform": 0.7,
    "tech_cloud_platform": 0.5,
    "tech_iva": 0.6,
    "tech_chatbot": 0.85,
    "tech_dialer": 0.7,
    "tech_smart_qa": 0.8,
    "tech_disaster_recovery": 0.8,
    "tech_bcp": 0.85,
    "env_certifications": 0.45,
    "env_infosec_cert": 0.6,
    "mgmt_certifications": 0.65,
}
OTHER_CHANCE = 0.15

# education mix weights (bachelor, college, secondary, high school) by industry
EDUCATION = {
    "banking": ((55, 80), (15, 35), (1, 6), (0, 2)),
    "insurance": ((45, 70), (25, 40), (2, 8), (0, 3)),
    "telecom": ((35, 60), (30, 50), (3, 10), (0, 4)),
    "utilities": ((40, 65), (25, 45), (3, 10), (0, 4)),
    "ecommerce": ((25, 45), (40, 55), (5, 15), (1, 6)),
    "airline": ((45, 70), (25, 45), (1, 6), (0, 2)),
    "government": ((45, 70), (25, 40), (2, 8), (0, 3)),
    "outsourcing": ((15, 35), (45, 60), (10, 20), (3, 10)),
}
# age weights (under 25, 25-35, 35-50, over 50): younger in e-commerce and outsourcing
AGES = {
    "young": ((30, 45), (40, 55), (5, 15), (0, 2)),
    "middle": ((15, 30), (40, 55), (15, 30), (1, 5)),
}
YOUNG_INDUSTRIES = {"ecommerce", "outsourcing", "telecom"}


# --------------------------------------------------------------------------- helpers


def composition(rng: random.Random, weights, total) -> list[Decimal]:
    """Non-negative parts proportional to `weights` that add up to `total` exactly:
    whole numbers when `total` is whole (largest remainders get the rest)."""
    total = Decimal(str(total))
    weights = [max(float(w), 0.0) for w in weights]
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    unit = Decimal(1) if total == total.to_integral_value() else Decimal("0.1")
    steps = int(total / unit)
    raw = [w * steps / sum(weights) for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], rng.random()), reverse=True)
    for i in order[: steps - sum(parts)]:
        parts[i] += 1
    out = [Decimal(p) * unit for p in parts]
    out[-1] += total - sum(out)  # a total that is not a multiple of the unit
    return out


def _num(value, places: int = 0) -> str:
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    return format(d.normalize(), "f") if places else str(int(d))


def credit_code(rng: random.Random) -> str:
    """A well-formed, fictitious unified social credit code."""
    body = "91" + rng.choice(["310000", "110000", "440300", "330100", "510100"])
    body += "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def short_name(name: str) -> str:
    for suffix in ORG_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:40].rstrip("-")


_CITY_RE = re.compile(r"([\u4e00-\u9fff]{2})市")


def _city_in(*names: str):
    """The city a name mentions: one of CITIES, or another "X市" (a municipal
    hotline's own city) with a made-up area code and postcode."""
    for city in CITIES:
        if any(city[0] in (n or "") for n in names):
            return city
    for n in names:
        m = _CITY_RE.search(n or "")
        if m:
            seed = sum(map(ord, m.group(1)))
            return (
                m.group(1),
                f"0{530 + seed % 260}",
                f"{310 + seed % 300}",
                ["新城区", "高新区", "经济开发区"],
                ["人民路", "市民大道", "中山路", "世纪大道"],
            )
    return None


def _has_required(section: appform.Section) -> bool:
    return any(f.required or any(r.required for r in f.rows) for f in section.fields)


# --------------------------------------------------------------------------- sampler


class _Sampler:
    def __init__(self, defn, center, rng: random.Random, today: dt.date):
        self.defn = defn
        self.rng = rng
        self.today = today
        self.center = center
        self.org = getattr(center, "organization", None)
        self.answers: dict[str, object] = {}
        r = rng
        self.industry = str(getattr(center, "industry", "") or "") or r.choice(list(EDUCATION))
        self.seats = int(getattr(center, "seats", None) or r.choice([60, 120, 250, 400, 800]))
        self.year = int(getattr(center, "year_started", None) or r.randint(1998, 2020))
        org_name = getattr(self.org, "name", "") or getattr(center, "name", "") or "示例企业"
        self.org_name = org_name
        self.short = short_name(org_name)
        name_en = getattr(self.org, "name_en", "") or ""
        slug = _slug(name_en) or f"cc{r.randint(1000, 9999)}"
        self.domain = f"{slug}.example.com"
        center_name = getattr(center, "name", "") or f"{self.short}客户服务中心"
        hq = _city_in(org_name, center_name) or r.choice(CITIES)
        self.hq = hq
        away = _city_in(r.choice(CENTER_CITIES))
        self.site = _city_in(center_name) or (hq if r.random() < 0.6 else away)
        surname, s_py = r.choice(SURNAMES)
        given, g_py = r.choice(GIVEN_NAMES)
        self.person = surname + given
        self.email = f"{g_py}.{s_py}@{self.domain}"
        # operating figures, shared by several questions
        self.full_time = max(1, round(self.seats * r.uniform(1.0, 1.2)))
        self.part_time = round(self.seats * r.uniform(0.03, 0.15)) if r.random() < 0.65 else 0
        self.remote = round(self.seats * r.uniform(0.02, 0.1)) if r.random() < 0.4 else 0
        self.mode = r.choices(
            ["inbound_only", "outbound_only", "separate_teams", "blended"], [25, 3, 37, 35]
        )[0]
        self.fcr = round(r.uniform(65, 92), 1)
        self.attrition = round(r.uniform(8, 35), 1)
        self.bot = 0
        self.scale = r.choice([5, 5, 100])
        self.general = r.sample(GENERAL, len(GENERAL))

    # ---- small generators

    def phone(self, city=None) -> str:
        city = city or self.hq
        digits = f"{self.rng.choice('568')}{self.rng.randint(0, 999):03d}"
        return f"{city[1]}-{digits} {self.rng.randint(0, 9999):04d}"

    def mobile(self) -> str:
        r = self.rng
        return f"1{r.choice('3589')}{r.randint(0, 9)} {r.randint(0, 9999):04d} {r.randint(0, 9999):04d}"

    def address(self, city) -> str:
        r = self.rng
        return f"{city[0]}市{r.choice(city[3])}{r.choice(city[4])}{r.randint(1, 2999)}号"

    def postcode(self, city) -> str:
        return f"{city[2]}{self.rng.randint(1, 9)}{self.rng.randint(0, 9)}0"

    def pick_other(self, f: appform.Field) -> None:
        self.answers[f"{f.key}.other"] = self.rng.choice(OTHER_TEXT.get(f.key, [GENERIC_OTHER]))

    def paragraph(self, key: str) -> str:
        r = self.rng
        pool = PARAGRAPHS.get(key)
        parts = [r.choice(pool)] if pool else [self.general.pop(0), self.general.pop(0)]
        if pool and r.random() < 0.5:
            parts.append(self.general.pop(0))
        if len(self.general) < 3:
            self.general = r.sample(GENERAL, len(GENERAL))
        values = {
            "center": getattr(self.center, "name", "") or "本中心",
            "short": self.short,
            "city": self.site[0],
            "bot": self.bot or r.randint(15, 35),
            "fcr": _num(self.fcr, 1),
            "attrition": _num(self.attrition, 1),
            "floors": min(8, self.seats // 300 + 1),
        }
        return "".join(parts).format_map(values)

    # ---- by field

    def known(self, f: appform.Field):
        """The value the models hold for a field that fills them (maps_to)."""
        if not f.maps_to or "." not in f.maps_to:
            return None
        model, attr = f.maps_to.split(".", 1)
        obj = {"organization": self.org, "center": self.center}.get(model)
        value = getattr(obj, attr, None) if obj is not None else None
        return None if value in (None, "") else str(value)

    def field(self, f: appform.Field) -> None:
        if not f.answerable or f.type == "file" or f.key in self.answers:
            return  # (a question answered with others, e.g. the parts of a composition)
        special = getattr(self, f"f_{f.key}", None)
        if special is not None:
            special(f)
            return
        if f.type == "table":
            self.table(f)
            return
        value = self.known(f)
        if value is None:
            value = self.by_type(f)
        if value is not None:
            self.answers[f.key] = value

    def by_type(self, f: appform.Field):
        r = self.rng
        t = f.type
        if t == "textarea":
            return self.paragraph(f.key)
        if t == "text":
            return self.text(f)
        if t == "email":
            return self.email
        if t == "url":
            return f"https://www.{self.domain}"
        if t == "phone":
            return self.phone()
        if t in appform.NUMBER_TYPES:
            return self.number(f.type, f.min, f.max)
        if t == "date":
            return (self.today - dt.timedelta(days=r.randint(20, 330))).isoformat()
        if t == "consent":
            return "yes"
        if t == "yesno":
            return self.yesno(f)
        if t == "choice":
            return self.choice(f)
        if t == "multi":
            return self.multi(f)
        return None

    def text(self, f: appform.Field) -> str:
        known = {
            "enterprise_address": lambda: self.address(self.hq),
            "center_address": lambda: self.address(self.site),
            "enterprise_wechat": lambda: self.short + self.rng.choice(["", "客服", "服务号"]),
            "enterprise_credit_code": lambda: credit_code(self.rng),
            "filler_name": lambda: self.person,
            "filler_department": lambda: self.rng.choice(DEPARTMENTS),
            "filler_title": lambda: self.rng.choice(TITLES),
            "filler_mobile": self.mobile,
            "decl_org_name": lambda: self.org_name,
            "decl_address": lambda: self.answers.get("enterprise_address") or self.address(self.hq),
            "decl_postcode": lambda: self.postcode(self.hq),
            "decl_contact": lambda: self.person,
        }
        value = known[f.key]() if f.key in known else f"{self.short}{f.label.zh}"
        return value[: f.max_length] if f.max_length else value

    def number(self, kind, lo, hi) -> str:
        r = self.rng
        if kind == "percent":
            lo = Decimal(0) if lo is None else lo
            hi = Decimal(100) if hi is None else hi
            return _num(r.uniform(float(lo), float(hi)), 1)
        if kind == "year":
            lo = max(int(lo if lo is not None else 1990), 1990)
            hi = min(int(hi if hi is not None else self.today.year), self.today.year)
            return str(r.randint(min(lo, hi), hi))
        low = float(lo) if lo is not None else 0.0
        high = float(hi) if hi is not None else low + 100
        if kind == "integer":
            return str(r.randint(math.ceil(low), max(math.ceil(low), math.floor(high))))
        return _num(r.uniform(low, high), 1)

    def yesno(self, f: appform.Field) -> str:
        yes = self.rng.random() < YES_CHANCE.get(f.key, 0.85)
        value = appform.YES if yes else appform.NO
        self.detail(f, value)
        return value

    def detail(self, f: appform.Field, value) -> None:
        if f.detail and value in f.detail_when:
            self.answers[f"{f.key}.detail"] = self.rng.choice(DETAILS.get(f.key, [GENERIC_DETAIL]))

    def choice(self, f: appform.Field, prefer=None) -> str:
        options = [o.value for o in f.options]
        if prefer is not None and (prefer in options or (prefer == appform.OTHER and f.other)):
            value = prefer
        elif f.other and (self.rng.random() < OTHER_CHANCE or not options):
            value = appform.OTHER
        else:
            value = self.rng.choice(options)
        if value == appform.OTHER:
            self.pick_other(f)
        self.detail(f, value)
        return value

    def multi(self, f: appform.Field, always=(), never=()) -> list[str]:
        r = self.rng
        options = [o.value for o in f.options if o.value not in never]
        lo = f.min_picks or min(2, len(options))
        hi = f.max_picks or max(lo, min(len(options), lo + 4))
        n = r.randint(lo, hi)
        use_other = f.other and r.random() < OTHER_CHANCE
        picked = [v for v in always if v in options][:n]
        rest = [v for v in options if v not in picked]
        picked += r.sample(rest, max(0, min(len(rest), n - len(picked) - use_other)))
        if f.other and (use_other or len(picked) < lo):
            picked.append(appform.OTHER)
            self.pick_other(f)
        order = {v: i for i, v in enumerate([*options, appform.OTHER])}
        return sorted(picked, key=order.get)

    def table(self, f: appform.Field) -> None:
        for row in f.rows:
            if row.other:
                continue
            for cell in f.cells():
                if cell.row is row:
                    self.answers[cell.key] = (
                        f"{row.label.zh}"
                        if cell.type == "text"
                        else self.number(cell.type, cell.min, cell.max)
                    )

    # ---- the default form's questions that need more than their type

    def f_center_industry(self, f):
        value = self.industry if self.industry in {o.value for o in f.choices()} else None
        self.answers[f.key] = self.choice(f, prefer=value or appform.OTHER)

    def f_center_start_year(self, f):
        self.answers[f.key] = str(self.year)

    def f_center_seats(self, f):
        self.answers[f.key] = str(self.seats)

    def f_center_floor_area(self, f):
        self.answers[f.key] = str(round(self.seats * self.rng.uniform(6, 9)))

    def f_annual_interactions(self, f):
        self.answers[f.key] = str(int(round(self.seats * self.rng.uniform(25_000, 40_000), -3)))

    def f_operation_mode(self, f):
        self.answers[f.key] = self.choice(f, prefer=self.mode)

    def f_service_hours(self, f):
        prefer = "round_the_clock" if self.rng.random() < 0.8 else appform.OTHER
        self.answers[f.key] = self.choice(f, prefer=prefer)

    def f_service_types(self, f):
        self.answers[f.key] = self.multi(f, always=["customer_service"])

    def f_service_channels(self, f):
        self.answers[f.key] = self.multi(f, always=["voice", "web_chat"])

    def f_csat_actions(self, f):
        self.answers[f.key] = self.multi(f, never=["no_action"])

    def f_csat_score(self, f):
        low, high = (4.5, 4.92) if self.scale == 5 else (88.0, 97.5)
        self.answers[f.key] = _num(self.rng.uniform(low, high), 2 if self.scale == 5 else 1)

    def f_csat_method(self, f):
        text = CSAT_METHOD[self.scale].format(samples=self.rng.choice([600, 800, 1200, 1500]))
        self.answers[f.key] = text

    def f_culture_mission(self, f):
        self.answers[f.key] = self.rng.choice(MISSION)

    def f_culture_vision(self, f):
        self.answers[f.key] = self.rng.choice(VISION)

    def f_culture_values(self, f):
        self.answers[f.key] = self.rng.choice(VALUES)

    def f_recruitment_accuracy(self, f):
        self.answers[f.key] = _num(self.rng.uniform(18, 45), 1)

    def f_training_hours_new(self, f):
        self.answers[f.key] = str(self.rng.randrange(80, 241, 8))

    def f_training_hours_tenured(self, f):
        self.answers[f.key] = str(self.rng.randrange(24, 81, 4))

    def f_staff_attrition_rate(self, f):
        self.answers[f.key] = _num(self.attrition, 1)

    def f_enterprise_phone(self, f):
        self.answers[f.key] = self.known(f) or self.phone()

    def f_filler_phone(self, f):
        self.answers[f.key] = self.phone(self.site)

    def f_decl_phone(self, f):
        self.answers[f.key] = self.answers.get("enterprise_phone") or self.phone()

    def f_decl_fax(self, f):
        if self.rng.random() < 0.6:
            self.answers[f.key] = self.phone()

    def f_decl_email(self, f):
        self.answers[f.key] = self.email

    def f_decl_date(self, f):
        self.answers[f.key] = (self.today - dt.timedelta(days=self.rng.randint(0, 10))).isoformat()

    def _composition_into(self, keys, ranges, total=100):
        weights = [self.rng.uniform(*rg) for rg in ranges]
        for key, part in zip(keys, composition(self.rng, weights, total), strict=True):
            self.answers[key] = _num(part)

    def f_age_under_25(self, f):
        ranges = AGES["young" if self.industry in YOUNG_INDUSTRIES else "middle"]
        keys = ["age_under_25", "age_25_35", "age_35_50", "age_over_50"]
        self._composition_into([k for k in keys if k in self.defn.fields], ranges)

    def f_agents(self, f):
        if "headcount" not in {c.key for c in f.columns}:
            self.table(f)
            return
        edu = EDUCATION.get(self.industry, EDUCATION["telecom"])
        heads = {"full_time": self.full_time, "part_time": self.part_time, "remote": self.remote}
        columns = [c.key for c in f.columns]
        for row in f.rows:
            n = heads.get(row.key, 0)
            self.answers[f"{f.key}.{row.key}.headcount"] = str(n)
            if not n:
                continue
            ranges = list(edu)
            if row.key == "part_time":  # students and returners: fewer graduates
                ranges = [
                    (lo * 0.6, hi * 0.6) if i == 0 else (lo, hi * 1.3)
                    for i, (lo, hi) in enumerate(ranges)
                ]
            keys = [f"{f.key}.{row.key}.{c}" for c in columns if c.startswith("edu_")]
            self._composition_into(keys, ranges[: len(keys)])

    def f_interaction_mix(self, f):
        r = self.rng
        rows = {row.key: row for row in f.rows}
        other = rows.get("other")
        use_other = other is not None and r.random() < 0.3
        self.bot = 0
        inbound = {"phone": (40, 70), "email": (1, 5), "ivr": (10, 30), "bot": (5, 35)}
        outbound = {"phone": (65, 90), "email": (0, 5), "ivr": (0, 8), "bot": (5, 25)}
        for column, ranges in (("inbound", inbound), ("outbound", outbound)):
            if (column == "inbound" and self.mode == "outbound_only") or (
                column == "outbound" and self.mode == "inbound_only"
            ):
                continue
            keys = [k for k in ranges if k in rows]
            weights = [ranges[k] for k in keys]
            if use_other:
                keys.append("other")
                weights.append((2, 6))
            self._composition_into([f"{f.key}.{k}.{column}" for k in keys], weights)
            if column == "inbound" and "bot" in keys:
                self.bot = int(self.answers[f"{f.key}.bot.inbound"])
        if use_other:
            self.answers[f"{f.key}.other.name"] = r.choice(["视频客服", "社交媒体私信"])

    def f_indicators(self, f):
        r = self.rng
        u = r.uniform
        aht = round(u(180, 420))
        acw = round(u(15, 60))
        abandon = round(u(2, 12), 1)
        occupancy = round(u(70, 90), 1)
        quality = round(u(85, 98), 1)
        absent = round(u(1, 5), 1)
        manager, qa, trainer = r.randint(12, 20), r.randint(15, 30), r.randint(30, 60)
        rows = {
            "aht": (round(aht * u(0.9, 0.97)), aht, 0),
            "acw": (round(acw * u(0.85, 0.95)), acw, 0),
            "abandon": (max(1.0, abandon - u(0.5, 3)), abandon, 1),
            "fcr": (min(95.0, self.fcr + u(1, 5)), self.fcr, 1),
            "occupancy": (min(90.0, occupancy + u(1, 4)), occupancy, 1),
            "quality": (min(99.0, quality + u(0.5, 3)), quality, 1),
            "absenteeism": (max(0.5, absent - u(0.3, 1.5)), absent, 1),
            "attrition_full_time": (max(5.0, self.attrition - u(2, 6)), self.attrition, 1),
            "manager_ratio": (manager + r.choice([-1, 0, 0, 1]), manager, 0),
            "qa_ratio": (qa + r.choice([-2, 0, 0, 2]), qa, 0),
            "trainer_ratio": (trainer + r.choice([-5, 0, 0, 5]), trainer, 0),
        }
        if self.part_time:
            pt = round(u(20, 50), 1)
            rows["attrition_part_time"] = (max(10.0, pt - u(3, 8)), pt, 1)
        if r.random() < 0.4:
            if r.random() < 0.5:
                target = r.choice([80, 85, 90])
                rows["ops_other"] = (target, min(99.0, target + u(-3, 5)), 1)
                self.answers[f"{f.key}.ops_other.name"] = "服务水平（20秒内接通率，%）"
            else:
                rows["ops_other"] = (20, round(u(12, 26)), 0)
                self.answers[f"{f.key}.ops_other.name"] = "平均应答速度（秒）"
        if r.random() < 0.3:
            rows["support_other"] = (85, u(82, 93), 1)
            self.answers[f"{f.key}.support_other.name"] = "员工满意度（分）"
        for row in f.rows:
            if row.key not in rows:
                if not row.other and row.required:
                    for cell in f.cells():
                        if cell.row is row:
                            self.answers[cell.key] = self.number(cell.type, cell.min, cell.max)
                continue
            target, actual, places = rows[row.key]
            for col in f.columns:
                value = {"target": target, "actual": actual}.get(col.key, actual)
                self.answers[f"{f.key}.{row.key}.{col.key}"] = _num(value, places)

    def f_challenges(self, f):
        self.answers[f.key] = self.multi(f)


# --------------------------------------------------------------------------- public


def sample_answers(
    defn: appform.Definition,
    *,
    center,
    rng: random.Random,
    complete: bool = True,
    today: dt.date | None = None,
) -> dict:
    """Raw answers to the whole of `defn` for `center` (a ContactCenter, saved or not).

    Complete answers validate except for the file questions (left out). With
    ``complete=False`` the answers are a draft in progress: a random 30-60 % of
    the sections after the first two are left out, at least one of them with a
    required question. `today` dates the declaration (default: today).
    """
    sampler = _Sampler(defn, center, rng, today or dt.date.today())
    for section in defn.sections:
        for f in section.fields:
            sampler.field(f)
    answers = sampler.answers
    _balance_checks(defn, answers, rng)
    fields = defn.fields
    hidden = [f for f in fields.values() if not appform.is_visible(f, answers, fields)]
    for f in hidden:
        for key in f.answer_keys():
            answers.pop(key, None)
    if not complete:
        later = list(defn.sections[2:])
        drop = rng.sample(later, round(len(later) * rng.uniform(0.3, 0.6)))
        required = [s for s in later if _has_required(s)]
        if drop and required and not any(_has_required(s) for s in drop):
            drop[rng.randrange(len(drop))] = rng.choice(required)
        for section in drop:
            for f in section.fields:
                for key in f.answer_keys():
                    answers.pop(key, None)
    return answers


def _balance_checks(defn: appform.Definition, answers: dict, rng: random.Random) -> None:
    """Make every sum check hold: the answered parts of a check (all of them when
    the check applies even to blank answers) become a composition of its total."""
    for check in defn.checks:
        keys = [k for ref in check.refs for k in defn.expand(ref)]
        given = [k for k in keys if k in answers]
        if not given and check.when_any_filled:
            continue
        if given:
            try:
                total = sum(Decimal(appform.normalize_number(answers[k])) for k in given)
            except ArithmeticError:
                total = None
            if total == check.equals:
                continue
        targets = given or [k for k in keys if not _in_other_row(defn, k)]
        parts = composition(rng, [rng.uniform(1, 10) for _ in targets], check.equals)
        for key, part in zip(targets, parts, strict=True):
            answers[key] = _num(part, 1)


def _in_other_row(defn: appform.Definition, key: str) -> bool:
    """Whether `key` is a cell of a table's "other" row (which needs a name too)."""
    owner = defn.owner(key)
    parts = key.split(".")
    if owner is None or owner.type != "table" or len(parts) != 3:
        return False
    return any(row.key == parts[1] and row.other for row in owner.rows)
