from build import Doc
d = Doc('d13_projects_ganzhou_2025q2.txt', '赣州市', 2025, None)
I, N = d.I, d.N
G, Y, S, T, F = 'growth', 'yoy_growth', 'share', 'target', 'forecast'
Q2, Q1 = '2025-Q2', '2025-Q1'
GRP = '赣州经开区新能源汽车电驱系统产业化项目等286个项目'
PJ1 = '赣州经开区新能源汽车电驱系统产业化项目'
PJ2 = '南康区现代家居智能制造产业园项目'
PJ3 = 'G323线瑞金至会昌段改建工程'
PJ4 = '赣州市妇幼保健院二期项目'
PJ5 = '于都县纺织服装产业园三期项目'
PJ6 = '章贡区数字经济产业园项目'
EKQ = '赣州经开区'
# headline
I('286个', '集中开工 286个项目', 286, '个', '集中开工项目数', period=Q2, note='headline; the count of projects started (subject the city, as d08)')
I('1268.5亿元', '项目总投资1268.5亿元\n', 1268.5e8, '元', '项目总投资', subj=GRP, note='headline: the group of the body')
N('18:20', '2025-04-17 18:20', 'date_or_time', 'time of the 发布时间 line')
N('2317', '阅读次数：2317', 'other', 'page-view counter')
N('18个', '全市18个县（市、区）', 'other', 'all the county-level divisions (sub-venues): size of the set, not a measured count')
N('3个', '蓉江新区3个功能区', 'other', 'the three zones just named')
# 总体
I('286个', '等286个项目，总投资', 286, '个', '集中开工项目数', period=Q2, note='the count inside the group’s name is the number of projects started (as d08)')
I('1268.5亿元', '总投资1268.5亿元，年度', 1268.5e8, '元', '项目总投资', subj=GRP, note='…等286个项目: the group as written; project investment → publication year, no period')
I('412.6亿元', '年度计划投资412.6亿元', 412.6e8, '元', '年度计划投资', q=T, subj=GRP, period='2025', note='计划 → target')
I('198个', '产业项目198个', 198, '个', '产业项目数', subj=GRP)
I('876.4亿元', '总投资876.4亿元', 876.4e8, '元', '产业项目总投资', subj=GRP)
I('69.1%', '占总投资的69.1%', 69.1, '%', '产业项目投资占比', m=S, subj=GRP)
I('126个', '主导产业项目126个', 126, '个', '主导产业项目数', subj=GRP)
I('612.5亿元', '总投资612.5亿元', 612.5e8, '元', '主导产业项目总投资', subj=GRP)
I('69.9%', '占产业项目总投资的69.9%', 69.9, '%', '主导产业项目投资占比', m=S, subj=GRP)
I('52个', '基础设施项目52个', 52, '个', '基础设施项目数', subj=GRP)
I('268.3亿元', '总投资268.3亿元', 268.3e8, '元', '基础设施项目总投资', subj=GRP)
I('36个', '社会民生项目36个', 36, '个', '民生项目数', subj=GRP)
I('123.8亿元', '总投资123.8亿元', 123.8e8, '元', '民生项目总投资', subj=GRP)
N('10亿元', '10亿元以上项目38个', 'other', 'threshold in a category name')
I('38个', '10亿元以上项目38个', 38, '个', '10亿元以上项目数', subj=GRP)
N('50亿元', '其中50亿元以上项目3个', 'other', 'threshold in a category name')
I('3个', '50亿元以上项目3个', 3, '个', '50亿元以上项目数', subj=GRP)
I('600亿元', '新增年产值超过600亿元', 600e8, '元', '新增年产值', q=F, subj=GRP, period='每年', note='预计 … 超过 → forecast (预计 outranks 超过)')
I('1386个', '集中开工项目共1386个', 1386, '个', '集中开工项目数', subj='江西省', period=Q2, note='全省 = 江西省: the province’s own figure')
I('6852.4亿元', '总投资6852.4亿元', 6852.4e8, '元', '项目总投资', subj='江西省')
N('第一', '均居全省第一', 'ordinal_or_rank')
N('三大', '“三大战略、八大行动”', 'policy_code')
N('八大', '三大战略、八大行动', 'policy_code')
I('386个', '一季度全市386个省市重大项目', 386, '个', '重大项目数', period='2025', note='the city’s annual list of provincial and city major projects')
I('412.8亿元', '完成投资412.8亿元', 412.8e8, '元', '重点项目完成投资', period=Q1, note='重大项目 = the city’s key-project list (d01’s name)')
I('28.6%', '完成年度计划投资的28.6%', 28.6, '%', '重点项目完成投资', m='progress', period=Q1)
I('6.2%', '固定资产投资同比增长6.2%', 6.2, '%', '固定资产投资', m=Y, period=Q1)
I('1.4个百分点', '高于全省1.4个百分点', 1.4, '百分点', '固定资产投资增速差', m=G, period=Q1, note='gap over 江西省')
# 主会场项目
I('52.6亿元', '产业化项目总投资52.6亿元', 52.6e8, '元', '项目总投资', subj=PJ1)
I('560亩', '规划用地约560亩', 560, '亩', '总用地面积', q='approx', subj=PJ1, note='规划 = design figure; 约 → approx')
I('12条', '电驱动系统生产线12条', 12, '条', '生产线数', subj=PJ1)
I('60万套', '年产60万套', 60e4, '套', '设计年产能', subj=PJ1, note='达产后可形成 … 生产能力: design figure → exact')
I('80亿元', '预计年产值80亿元', 80e8, '元', '预计年产值', q=F, subj=PJ1, period='每年')
I('3.2亿元', '年纳税3.2亿元', 3.2e8, '元', '年纳税额', q=F, subj=PJ1, period='每年', note='same 预计 sentence → forecast')
I('1500个', '提供就业岗位1500个', 1500, '个', '提供就业岗位数', q=F, subj=PJ1)
I('22个', '此次集中开工项目22个', 22, '个', '集中开工项目数', subj=EKQ, period=Q2, note='a zone’s own share of the projects')
I('136.7亿元', '总投资136.7亿元，项目数', 136.7e8, '元', '项目总投资', subj=EKQ)
I('12个', '分别开工项目12个、9个', 12, '个', '集中开工项目数', subj='赣州高新区', period=Q2, note='places listed before 分别')
I('9个', '项目12个、9个', 9, '个', '集中开工项目数', subj='赣州蓉江新区', period=Q2)
I('58.3亿元', '总投资分别为58.3亿元、41.7亿元', 58.3e8, '元', '项目总投资', subj='赣州高新区')
I('41.7亿元', '58.3亿元、41.7亿元', 41.7e8, '元', '项目总投资', subj='赣州蓉江新区')
# 分会场项目
I('35.8亿元', '产业园项目总投资35.8亿元', 35.8e8, '元', '项目总投资', subj=PJ2)
I('48.6万平方米', '总建筑面积48.6万平方米', 48.6e4, '平方米', '总建筑面积', subj=PJ2)
I('32栋', '标准厂房32栋', 32, '栋', '厂房栋数', subj=PJ2)
I('40家', '智能制造企业40家以上', 40, '家', '入驻企业数', q=T, subj=PJ2, note='计划引进 → target (outranks 以上)')
N('G323', 'G323线瑞金至会昌段', 'address_or_route', 'national-road number')
I('42.6公里', '全长42.6公里', 42.6, '公里', '道路建设里程', subj=PJ3)
I('28.4亿元', '总投资28.4亿元', 28.4e8, '元', '项目总投资', subj=PJ3)
N('一级', '按一级公路标准', 'ordinal_or_rank', 'road grade')
N('80公里/小时', '设计速度80公里/小时', 'other', 'design standard (speed), not a measured quantity')
N('两', '建成后两地通行时间', 'other', 'the two places just named')
N('40分钟', '缩短至40分钟', 'other', 'travel time (duration)')
N('二', '妇幼保健院二期', 'ordinal_or_rank', 'phase number', occ=0)
I('12.4亿元', '二期项目总投资12.4亿元', 12.4e8, '元', '项目总投资', subj=PJ4)
I('15.2万平方米', '总建筑面积15.2万平方米', 15.2e4, '平方米', '总建筑面积', subj=PJ4)
I('800张', '新增床位800张', 800, '张', '新增医疗床位数', subj=PJ4)
N('三', '产业园三期项目', 'ordinal_or_rank', 'phase number')
I('18.6亿元', '三期项目总投资18.6亿元', 18.6e8, '元', '项目总投资', subj=PJ5)
I('26万平方米', '配套宿舍26万平方米', 26e4, '平方米', '总建筑面积', subj=PJ5, note='floor area of the buildings to be built')
I('3000人', '吸纳就业3000人', 3000, '人', '提供就业岗位数', q=F, subj=PJ5, note='预计 → forecast; jobs counted in 人')
I('10.2亿元', '产业园项目总投资10.2亿元', 10.2e8, '元', '项目总投资', subj=PJ6)
I('60家', '数字经济企业60家', 60, '家', '入驻企业数', q=T, subj=PJ6, note='计划引进 → target')
I('25亿元', '年营业收入可达25亿元', 25e8, '元', '预计年营业收入', q=T, subj=PJ6, period='每年', topic='innovation_tech',
  note='same 计划 sentence → target; digital-economy park → innovation_tech')
# 表
LINES = d.text.splitlines()
def L(label):
    c = [l for l in LINES if l.startswith(label) and '　　' in l]
    assert len(c) == 1, (label, c)
    return c[0]
def cells(line, tokens):
    out, pos = [], 0
    for tok in tokens:
        i = line.index(tok, pos)
        out.append(sum(1 for m in __import__('re').finditer(__import__('re').escape(tok), line[:i])))
        pos = i + len(tok)
    return out
TH = 'table: 项目数（个）, 总投资（亿元）, 年度计划投资（亿元） headers give units; subject the county or zone'
for label, n, inv, plan in [('章贡区', '18', '86.4', '28.6'), ('南康区', '24', '102.3', '35.2'), ('赣县区', '19', '78.6', '24.1'),
                            ('瑞金市', '21', '92.5', '30.8'), ('龙南市', '17', '85.2', '26.5'), ('于都县', '16', '58.4', '19.7'),
                            ('信丰县', '15', '61.8', '20.3'), ('赣州经开区', '22', '136.7', '42.6')]:
    line = L(label)
    a, b, c = cells(line, [n, inv, plan])
    I(n, line, int(n), '个', '集中开工项目数', subj=label, period=Q2, note=TH, at=a)
    I(inv, line, round(float(inv) * 1e8), '元', '项目总投资', subj=label, at=b)
    I(plan, line, round(float(plan) * 1e8), '元', '年度计划投资', q=T, subj=label, period='2025', at=c)
# 各地
I('21个', '分别开工项目21个、16个、13个', 21, '个', '集中开工项目数', subj='瑞金市', period=Q2, note='places listed before 分别')
I('16个', '21个、16个、13个', 16, '个', '集中开工项目数', subj='于都县', period=Q2)
I('13个', '16个、13个，', 13, '个', '集中开工项目数', subj='兴国县', period=Q2)
I('46.3亿元', '项目总投资46.3亿元', 46.3e8, '元', '项目总投资', subj='兴国县')
I('5个', '稀土新材料项目5个', 5, '个', '稀土新材料项目数', subj='龙南市', period=Q2)
I('31.6亿元', '总投资31.6亿元', 31.6e8, '元', '稀土新材料项目总投资', subj='龙南市')
I('37.1%', '总投资的37.1%', 37.1, '%', '稀土新材料项目投资占比', m=S, subj='龙南市', note='该市 = 龙南市')
# 要素保障
YTD = '2025-01..2025-04'
I('1.86万亩', '建设用地1.86万亩', 1.86e4, '亩', '建设用地供应面积', period=YTD, note='今年以来 → January to publication')
I('6820亩', '工业用地6820亩', 6820, '亩', '工业用地供应面积', period=YTD)
I('46个', '46个产业项目实现拿地即开工', 46, '个', '拿地即开工项目数', period=YTD)
I('17家', '17家金融机构', 17, '家', '授信银行数', subj=GRP, note='金融机构 extending credit to the group')
I('286.4亿元', '授信286.4亿元', 286.4e8, '元', '银行授信金额', subj=GRP)
N('一个项目、一名领导、一套班子、一抓到底', '“一个项目、一名领导、一套班子、一抓到底”', 'policy_code', 'slogan of a working mechanism')
I('90%', '开工率达到90%以上', 90, '%', '重大项目开工率', q=T, m=S, period=Q2, note='力争 → target (outranks 以上)')
I('1450亿元', '重大项目投资1450亿元以上', 1450e8, '元', '重点项目完成投资', q=T, period='2025', note='same 力争 sentence → target')
d.finish()
