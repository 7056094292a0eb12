"""Indicators new in the development set d14..d18 (names of the earlier sets are reused, never redefined).

catalog_e.py (d09..d13) is written at the same time and loaded just before this file. A name that
both sets need (工业增加值, 建筑业增加值, 接待游客占全省比重, 电影票房, 观影人次,
重点监测A级旅游景区数) is listed here too, so that d14..d18 still build if the other list
changes: a name already in the catalogue is skipped when its topic agrees, and an error otherwise,
so a concept never gets two names or two topics.
"""
from build import cat, CATALOG

NEW = [
    # d14 统计公报 (宾川县 2023)
    ('第一产业拉动经济增长', 'GDP growth pulled by the primary sector (percentage points)', 'agriculture'),
    ('水果种植面积', 'fruit orchard area', 'agriculture'),
    ('葡萄种植面积', 'grape area', 'agriculture'),
    ('葡萄产量', 'grape output', 'agriculture'),
    ('柑橘种植面积占全县比重', 'share of the county’s citrus area (of a town)', 'agriculture'),
    ('工业增加值', 'industrial value added (all industry)', 'industry'),
    ('建筑业增加值', 'construction value added', 'construction_housing'),
    ('农村低保保障人数', 'rural residents receiving the minimum living allowance', 'governance'),
    ('公路通车里程', 'road length open to traffic', 'other'),
    ('高速公路通车里程', 'expressway length open to traffic', 'other'),
    # d15 消费品市场 (温州市 2024-01..10)
    ('乡村消费品零售额增速差', 'rural retail growth above urban retail growth (percentage points)', 'consumption'),
    ('限额以上单位消费品零售额占比', 'share of units above designated size in retail sales', 'consumption'),
    ('化妆品类零售额', 'cosmetics retail sales', 'consumption'),
    ('中西药品类零售额', 'Chinese and Western medicine retail sales', 'consumption'),
    ('文化办公用品类零售额', 'cultural and office supplies retail sales', 'consumption'),
    ('家具类零售额', 'furniture retail sales', 'consumption'),
    ('建筑及装潢材料类零售额', 'building and decoration materials retail sales', 'consumption'),
    ('限额以上单位网上零售额', 'online retail sales of units above designated size', 'consumption'),
    ('限额以上单位网上零售额占比', 'share of online sales in retail sales of units above designated size', 'consumption'),
    # d16 保障性住房和老旧小区改造进展 (济南市 2024-01..09)
    ('新建保障性租赁住房套数', 'affordable rental units raised by new construction', 'construction_housing'),
    ('改建保障性租赁住房套数', 'affordable rental units raised by conversion', 'construction_housing'),
    ('盘活存量保障性租赁住房套数', 'affordable rental units raised from existing stock', 'construction_housing'),
    ('城中村改造启动征收项目数', 'urban-village projects where expropriation started', 'construction_housing'),
    ('老旧小区改造完工率差', 'old-community completion rate above a reference area (percentage points)', 'construction_housing'),
    ('加装电梯签约数', 'lift retrofits signed', 'construction_housing'),
    ('加装电梯开工数', 'lift retrofits started', 'construction_housing'),
    ('保交房项目数', 'projects in the housing-delivery campaign', 'construction_housing'),
    ('保交房任务套数', 'homes to be delivered in the housing-delivery campaign', 'construction_housing'),
    ('新增口袋公园数', 'new pocket parks', 'energy_environment'),
    # d17 常州日报 头版 (常州市 2024-10-16)
    ('新能源产业产值', 'new-energy industry output', 'industry'),
    ('新能源产业产值占比', 'share of the new-energy industry in industrial output', 'industry'),
    ('新签约亿元以上项目数', 'new projects of 100 million yuan or more signed', 'investment'),
    ('新开工亿元以上产业项目数', 'new industrial projects of 100 million yuan or more started', 'investment'),
    ('新开工亿元以上新能源项目数', 'new-energy projects among new projects of 100 million yuan or more started', 'investment'),
    ('新开工亿元以上新能源项目占比', 'share of new-energy projects among new projects of 100 million yuan or more', 'investment'),
    ('外地观众占比', 'share of non-local visitors in an event’s audience', 'tourism_culture'),
    ('城市更新项目数', 'urban-renewal projects launched', 'construction_housing'),
    # d18 春节消费和文旅 (哈尔滨市 2025)
    ('接待外地游客', 'non-local tourist visits', 'tourism_culture'),
    ('外地游客占比', 'share of non-local visitors in tourist visits', 'tourism_culture'),
    ('接待游客占全省比重', 'share of the province’s tourist visits (of a city)', 'tourism_culture'),
    ('日均接待游客', 'average daily tourist visits', 'tourism_culture'),
    ('雪道日均承载量', 'daily skier capacity handled on the slopes', 'tourism_culture'),
    ('滑雪场数', 'ski resorts', 'tourism_culture'),
    ('接待滑雪游客', 'skier visits', 'tourism_culture'),
    ('重点监测酒店数', 'monitored hotels', 'tourism_culture'),
    ('酒店平均房价', 'average hotel room rate (per room-night)', 'tourism_culture'),
    ('电影票房', 'cinema box office', 'tourism_culture'),
    ('观影人次', 'cinema admissions', 'tourism_culture'),
    ('重点监测A级旅游景区数', 'monitored A-rated scenic areas', 'tourism_culture'),
]

for name, en, topic in NEW:
    if name in CATALOG:
        assert CATALOG[name][1] == topic, f'defined with another topic: {name} {CATALOG[name]}'
        continue
    cat(name, en, topic)
