"""What sample answers are made of: places, people, job titles, how likely a
center has a facility, the education and age mix of its agents by industry."""

from __future__ import annotations

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
