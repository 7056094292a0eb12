"""Indicators new in d01..d10."""
from build import cat, CATALOG

NEW = [
    # d01 bulletin (正定县 2024)
    ('第一产业拉动经济增长', 'GDP growth pulled by the primary sector (percentage points)', 'agriculture'),
    ('第三产业拉动经济增长', 'GDP growth pulled by the tertiary sector (percentage points)', 'economy'),
    ('企业数量', 'enterprises (stock)', 'market_entities'),
    ('个体工商户数量', 'self-employed businesses (stock)', 'market_entities'),
    ('玉米播种面积', 'maize sown area', 'agriculture'),
    ('玉米总产量', 'maize output', 'agriculture'),
    ('蔬菜播种面积', 'vegetable sown area', 'agriculture'),
    ('肉类总产量', 'meat output', 'agriculture'),
    ('猪肉产量', 'pork output', 'agriculture'),
    ('牛奶产量', 'milk output', 'agriculture'),
    ('省级以上农业产业化龙头企业数', 'leading agricultural enterprises (provincial level and above)', 'agriculture'),
    ('国家级农业产业化龙头企业数', 'national leading agricultural enterprises', 'agriculture'),
    ('工业增加值', 'industrial value added (all industry)', 'industry'),
    ('高新技术产业增加值', 'value added of high-tech industries', 'innovation_tech'),
    ('电子信息产业产值', 'electronic information industry output', 'industry'),
    ('先进装备制造产业产值', 'advanced equipment manufacturing output', 'industry'),
    ('现代食品产业产值', 'modern food industry output', 'industry'),
    ('公路通车里程', 'road length open to traffic', 'other'),
    ('高速公路通车里程', 'expressway length open to traffic', 'other'),
    ('100M及以上宽带用户占比', 'share of broadband users at 100M and above', 'innovation_tech'),
    ('新建5G基站数', '5G base stations built', 'innovation_tech'),
    ('5G基站数', '5G base stations (stock)', 'innovation_tech'),
    ('城镇职工基本养老保险参保人数', 'urban employees in basic pension insurance', 'labor_employment'),
    ('空气质量优良天数', 'days of good air quality', 'energy_environment'),
]

for name, en, topic in NEW:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d02 monthly release (柳州市 2025-01..04)
    ('通用设备制造业增加值', 'value added of general equipment manufacturing', 'industry'),
    ('黑色金属冶炼和压延加工业增加值', 'value added of ferrous metal smelting and rolling', 'industry'),
    ('钢材产量', 'rolled steel output', 'industry'),
    ('装载机产量', 'wheel loader output', 'industry'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d03 government work report (天水市 2025)
    ('招商引资到位资金', 'investment attracted and in place', 'investment'),
    ('电工电器产业产值', 'electrical equipment industry output', 'industry'),
    ('装备制造产业产值', 'equipment manufacturing industry output', 'industry'),
    ('集成电路封装测试产业产值', 'IC packaging and testing industry output', 'industry'),
    ('集成电路封装测试产业产值占全省比重', 'share of the province’s IC packaging and testing output', 'industry'),
    ('新增餐饮经营主体数', 'new catering businesses', 'market_entities'),
    ('苹果种植面积', 'apple orchard area', 'agriculture'),
    ('果业综合产值', 'fruit industry total output', 'agriculture'),
    ('脱贫人口人均纯收入', 'net income per capita of the population lifted out of poverty', 'economy'),
    ('劳务输转人数', 'surplus labour transferred', 'labor_employment'),
    ('劳务收入', 'labour-export income', 'labor_employment'),
    ('国土绿化面积', 'area greened', 'energy_environment'),
    ('饮用水水源地水质达标率', 'drinking-water source quality compliance rate', 'energy_environment'),
    ('新建改造城市道路数', 'urban roads built or upgraded', 'construction_housing'),
    ('新建改造城市道路长度', 'length of urban roads built or upgraded', 'construction_housing'),
    ('中欧班列开行数', 'China-Europe freight trains run', 'other'),
    ('一网通办事项可办率', 'share of services available through one-stop online service', 'governance'),
    ('新创建4A级旅游景区数', 'new 4A-rated scenic areas', 'tourism_culture'),
    ('农民专业合作社示范社数', 'model farmers’ cooperatives', 'agriculture'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d04 May Day holiday (凤凰县 2025)
    ('酒店民宿入住率', 'occupancy rate of hotels and homestays', 'tourism_culture'),
    ('价格巡查住宿经营户数', 'lodging businesses inspected for prices', 'governance'),
    ('演出场次', 'performances given', 'tourism_culture'),
    ('演出上座率', 'performance attendance rate', 'tourism_culture'),
    ('夜间客流峰值', 'peak night-time visitor flow', 'tourism_culture'),
    ('志愿服务点数', 'volunteer service points', 'other'),
    ('民宿数量', 'homestays', 'tourism_culture'),
    ('重点监测餐饮企业数', 'monitored catering enterprises', 'consumption'),
    ('特色商品销售量', 'local speciality goods sold', 'consumption'),
    ('省外游客占比', 'share of visitors from other provinces', 'tourism_culture'),
    ('到发旅客量', 'rail passengers arriving and departing', 'other'),
    ('临时停车场数', 'temporary car parks', 'other'),
    ('出动执法人员', 'law-enforcement staff deployed (person-times)', 'governance'),
    ('接待游客占全州比重', 'share of the prefecture’s visitors', 'tourism_culture'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d05 projects (芜湖经济技术开发区 2025-Q2)
    ('工业项目数', 'industrial projects', 'investment'),
    ('工业项目总投资', 'total investment of industrial projects', 'investment'),
    ('工业项目投资占比', 'share of industrial projects in the total investment', 'investment'),
    ('服务业项目数', 'service-sector projects', 'investment'),
    ('服务业项目总投资', 'total investment of service-sector projects', 'investment'),
    ('新能源汽车及零部件项目数', 'new-energy vehicle and parts projects', 'investment'),
    ('新能源汽车及零部件项目总投资', 'total investment of new-energy vehicle and parts projects', 'investment'),
    ('热管理系统总成设计年产能', 'design annual capacity of thermal-management assemblies', 'industry'),
    ('精密减速器设计年产能', 'design annual capacity of precision reducers', 'industry'),
    ('项目一期投资', 'investment of a project’s first phase', 'investment'),
    ('光伏玻璃设计年产能', 'design annual capacity of PV glass', 'industry'),
    ('年进出口额', 'annual import and export value', 'other'),
    ('智能座舱系统设计年产能', 'design annual capacity of smart cockpit systems', 'industry'),
    ('汽车及零部件产业产值', 'automobile and parts industry output', 'industry'),
    ('汽车及零部件产业产值占比', 'share of automobile and parts in industrial output', 'industry'),
    ('新签约亿元以上项目数', 'projects of 100 million yuan and above signed', 'investment'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d06 provincial newspaper (内蒙古自治区, 2025-Q1)
    ('地区生产总值占全区比重', 'share of the region’s GDP', 'economy'),
    ('新能源发电量', 'new-energy power generation', 'energy_environment'),
    ('稀土新材料产业产值', 'rare-earth new materials industry output', 'industry'),
    ('原煤产量', 'raw coal output', 'industry'),
    ('有色金属产业产值', 'non-ferrous metals industry output', 'industry'),
    ('肉牛存栏量', 'beef cattle inventory', 'agriculture'),
    ('新能源装机容量', 'installed new-energy capacity', 'energy_environment'),
    ('新能源装机容量占比', 'share of new energy in installed power capacity', 'energy_environment'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d07 spring ploughing (泰和县 2025)
    ('早稻种植面积', 'early rice planted area', 'agriculture'),
    ('早稻育秧面积', 'early rice seedling area', 'agriculture'),
    ('翻耕整地面积', 'area ploughed and prepared', 'agriculture'),
    ('机耕率', 'share of machine ploughing', 'agriculture'),
    ('化肥储备量', 'fertiliser stocks', 'agriculture'),
    ('农药储备量', 'pesticide stocks', 'agriculture'),
    ('早稻种子储备量', 'early rice seed stocks', 'agriculture'),
    ('高标准农田开工面积', 'high-standard farmland under construction', 'agriculture'),
    ('育秧工厂数', 'seedling factories', 'agriculture'),
    ('集中育秧点数', 'centralised seedling sites', 'agriculture'),
    ('工厂化集中育秧面积', 'area of factory/centralised seedling raising', 'agriculture'),
    ('秧苗成苗率', 'seedling establishment rate', 'agriculture'),
    ('育秧能力', 'seedling-tray capacity', 'agriculture'),
    ('可满足机插面积', 'area served by machine transplanting', 'agriculture'),
    ('投入春耕农机数量', 'farm machines deployed for spring ploughing', 'agriculture'),
    ('新增稻油轮作面积', 'new rice-rapeseed rotation area', 'agriculture'),
    ('油菜籽单产', 'rapeseed yield per mu', 'agriculture'),
    ('国家级农民专业合作社示范社数', 'national model farmers’ cooperatives', 'agriculture'),
    ('省级农民专业合作社示范社数', 'provincial model farmers’ cooperatives', 'agriculture'),
    ('新增植保无人机数', 'crop-protection drones added', 'agriculture'),
    ('日作业面积', 'area worked per day', 'agriculture'),
    ('乌鸡存栏量', 'silkie chicken inventory', 'agriculture'),
    ('乌鸡出栏量', 'silkie chickens sold', 'agriculture'),
    ('乌鸡全产业链产值', 'output of the silkie chicken industry chain', 'agriculture'),
    ('井冈蜜柚种植面积', 'Jinggang pomelo area', 'agriculture'),
    ('井冈蜜柚产量', 'Jinggang pomelo output', 'agriculture'),
    ('户均增收', 'income gain per household', 'economy'),
    ('早稻完全成本保险投保面积', 'early rice full-cost insurance area', 'agriculture'),
    ('早稻完全成本保险参保农户数', 'farm households in early rice full-cost insurance', 'agriculture'),
    ('水稻完全成本保险亩均最高保额', 'maximum insured amount per mu of rice full-cost insurance', 'agriculture'),
    ('春耕生产专项资金', 'special funds for spring ploughing', 'agriculture'),
    ('集中育秧亩均补贴', 'subsidy per mu for centralised seedling raising', 'agriculture'),
    ('农技指导人员数', 'agricultural technicians deployed', 'agriculture'),
    ('技术指导小组数', 'technical guidance teams', 'agriculture'),
    ('农技培训班期数', 'agricultural training sessions held', 'agriculture'),
    ('农民培训人次', 'farmers trained (person-times)', 'agriculture'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d08 OCR front page (日照市 2025-05-08)
    ('新开通集装箱航线数', 'container routes opened', 'other'),
    ('集装箱航线数', 'container routes (stock)', 'other'),
    ('铁矿石接卸量', 'iron ore unloaded', 'other'),
    ('原油接卸量', 'crude oil unloaded', 'other'),
    ('海铁联运箱量', 'sea-rail container volume', 'other'),
    ('海铁联运箱量占比', 'share of sea-rail containers in container throughput', 'other'),
    ('重点监测酒店数', 'monitored hotels', 'tourism_culture'),
    ('新签约10亿元以上项目数', 'signed projects of 1 billion yuan and above', 'investment'),
    ('新开工亿元以上项目总投资', 'total investment of new projects of 100 million yuan and above', 'investment'),
    ('绿色食品设计年产能', 'design annual capacity of green food processing', 'industry'),
    ('项目工程进度', 'construction progress of a project', 'construction_housing'),
    ('带动就业人数', 'jobs created', 'labor_employment'),
    ('重点项目开工数', 'key projects started', 'investment'),
    ('重点项目开工率', 'share of key projects started', 'investment'),
    ('重点领域设备投资规模', 'equipment investment in key sectors', 'investment'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d09 old-compound renovation notice (鞍山市 2025)
    ('外墙保温改造面积', 'area of external wall insulation renovated', 'construction_housing'),
    ('屋面防水改造面积', 'area of roof waterproofing renovated', 'construction_housing'),
    ('更换单元门楼道窗数', 'entrance doors and stairwell windows replaced', 'construction_housing'),
    ('加装电梯惠及户数', 'households served by added lifts', 'construction_housing'),
    ('社区服务设施建筑面积', 'floor area of community service facilities', 'construction_housing'),
    ('新建无障碍坡道数', 'barrier-free ramps built', 'construction_housing'),
    ('未开工小区数', 'compounds not yet started', 'construction_housing'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)

for name, en, topic in [
    # d10 electricity (福鼎市 2025-01..06)
    ('第二产业用电量占比', 'share of the secondary sector in electricity consumption', 'energy_environment'),
    ('冶金行业用电量', 'electricity consumption of metallurgy', 'energy_environment'),
    ('电机电器行业用电量', 'electricity consumption of motors and electrical appliances', 'energy_environment'),
    ('食品加工行业用电量', 'electricity consumption of food processing', 'energy_environment'),
    ('企业用电量占比', 'share of a group of enterprises in industrial electricity consumption', 'energy_environment'),
    ('园区用电量', 'electricity consumption of an industrial park', 'energy_environment'),
    ('景区用电量', 'electricity consumption of a scenic area', 'energy_environment'),
    ('茶叶加工企业数', 'tea processing enterprises', 'market_entities'),
    ('茶叶加工企业用电量', 'electricity consumption of tea processing enterprises', 'energy_environment'),
    ('线路改造条数', 'power lines upgraded', 'energy_environment'),
    ('新增配变容量', 'distribution transformer capacity added', 'energy_environment'),
    ('电力市场化交易企业数', 'enterprises in market-based electricity trading', 'energy_environment'),
    ('电力市场化交易电量', 'electricity traded on the market', 'energy_environment'),
    ('企业节约用电成本', 'electricity costs saved by enterprises', 'energy_environment'),
    ('迎峰度夏工程数', 'summer-peak preparation works', 'energy_environment'),
    ('应急抢修队伍数', 'emergency repair teams', 'energy_environment'),
    ('抢修人员数', 'emergency repair staff', 'energy_environment'),
]:
    assert name not in CATALOG, f'already in an earlier set: {name}'
    cat(name, en, topic)
