"""Indicators new in the development set d09..d13 (names of the earlier sets are reused, never redefined)."""
from build import cat, CATALOG

NEW = [
    # d09 统计公报 (宜宾市 2024)
    ('地区生产总值占全市比重', 'share of the city’s GDP (of a sub-area)', 'economy'),
    ('工业增加值', 'industrial value added (all industry)', 'industry'),
    ('建筑业增加值', 'construction value added', 'construction_housing'),
    ('白酒产业产值', 'baijiu (liquor) industry output', 'industry'),
    ('动力电池产业产值', 'power-battery industry output', 'industry'),
    ('晶硅光伏产业产值', 'crystalline-silicon PV industry output', 'industry'),
    ('白酒产量', 'baijiu output', 'industry'),
    ('固定资产投资增速差', 'fixed-asset investment growth above a reference area (percentage points)', 'investment'),
    ('普通高等学校数', 'institutions of higher education', 'education'),
    # d10 前三季度经济运行 (仁怀市 2024)
    ('白酒制造业增加值', 'baijiu manufacturing value added', 'industry'),
    ('白酒制造业增加值占比', 'share of baijiu manufacturing in industrial value added', 'industry'),
    ('规上白酒企业数', 'baijiu enterprises above designated size', 'industry'),
    ('非酒工业增加值', 'value added of non-liquor industry above designated size', 'industry'),
    ('新开工项目数', 'projects newly started', 'investment'),
    ('城镇居民人均可支配收入增速差', 'urban income growth above a reference area (percentage points)', 'economy'),
    ('实有企业数', 'enterprises registered (stock)', 'market_entities'),
    # d11 全社会用电 (无锡市 2024)
    ('全社会用电量增速差', 'electricity-consumption growth above a reference area (percentage points)', 'energy_environment'),
    ('第一产业用电量占比', 'share of the primary sector in total electricity consumption', 'energy_environment'),
    ('第二产业用电量占比', 'share of the secondary sector in total electricity consumption', 'energy_environment'),
    ('第三产业用电量占比', 'share of the tertiary sector in total electricity consumption', 'energy_environment'),
    ('城乡居民生活用电量占比', 'share of households in total electricity consumption', 'energy_environment'),
    ('制造业用电量', 'manufacturing electricity consumption', 'energy_environment'),
    ('高技术及装备制造业用电量增速差', 'high-tech and equipment manufacturing electricity growth above all manufacturing (percentage points)', 'energy_environment'),
    ('计算机通信和其他电子设备制造业用电量', 'electricity consumption of computer, communication and electronic equipment manufacturing', 'energy_environment'),
    ('汽车制造业用电量', 'electricity consumption of automobile manufacturing', 'energy_environment'),
    ('黑色金属冶炼和压延加工业用电量', 'electricity consumption of ferrous metal smelting and rolling', 'energy_environment'),
    ('化学原料和化学制品制造业用电量', 'electricity consumption of chemical materials and products', 'energy_environment'),
    ('纺织业用电量', 'electricity consumption of textiles', 'energy_environment'),
    ('全社会用电量占全市比重', 'share of the city’s electricity consumption (of a sub-area)', 'energy_environment'),
    ('集成电路产业用电量', 'electricity consumption of the integrated-circuit industry', 'energy_environment'),
    ('分布式光伏装机容量', 'installed distributed PV capacity', 'energy_environment'),
    # d12 国庆文旅 (长沙市 2024)
    ('接待游客占全省比重', 'share of the province’s tourist visits (of a city)', 'tourism_culture'),
    ('重点监测A级旅游景区数', 'monitored A-rated scenic areas', 'tourism_culture'),
    ('焰火燃放场次', 'fireworks shows held', 'tourism_culture'),
    ('预约满约率', 'share of bookable slots booked', 'tourism_culture'),
    ('演出票房收入', 'box-office receipts of performances', 'tourism_culture'),
    ('电影票房', 'cinema box office', 'tourism_culture'),
    ('观影人次', 'cinema admissions', 'tourism_culture'),
    # d13 重大项目集中开工 (赣州市 2025-Q2)
    ('产业项目投资占比', 'share of industrial projects in total project investment', 'investment'),
    ('主导产业项目数', 'projects of the leading industries', 'investment'),
    ('主导产业项目总投资', 'total investment of leading-industry projects', 'investment'),
    ('主导产业项目投资占比', 'share of leading-industry projects in industrial-project investment', 'investment'),
    ('道路建设里程', 'length of a road to be built or upgraded', 'investment'),
    ('新增医疗床位数', 'hospital beds added by a project', 'other'),
    ('预计年营业收入', 'expected annual revenue of a project', 'industry'),
    ('稀土新材料项目数', 'rare-earth new-materials projects', 'investment'),
    ('稀土新材料项目总投资', 'total investment of rare-earth new-materials projects', 'investment'),
    ('稀土新材料项目投资占比', 'share of rare-earth projects in a place’s project investment', 'investment'),
    ('建设用地供应面积', 'construction land supplied', 'investment'),
    ('拿地即开工项目数', 'projects starting construction on land acquisition', 'governance'),
    ('重大项目开工率', 'share of planned major projects started', 'investment'),
]

for name, en, topic in NEW:
    assert name not in CATALOG, f'already defined: {name}'
    cat(name, en, topic)
