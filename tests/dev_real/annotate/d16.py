import re

from build import Doc
d = Doc('d16_housing_jinan_2024.txt', '济南市', 2024, '2024-01..09')
I, N = d.I, d.N
G, S, P, T = 'growth', 'share', 'progress', 'target'
TY = dict(q=T, period='2024')      # annual tasks and plans of 2024
Y24 = dict(period='2024')          # the year's programme as listed (纳入…计划的), not a task
N('〔2024〕58号', '济建发〔2024〕58号', 'document_id')
N('一', '一、总体进展', 'ordinal_or_rank', 'section number')
N('一', '（一）保障性租赁住房', 'ordinal_or_rank', 'section number')
I('1.2万套', '任务1.2万套', 1.2e4, '套', '保障性租赁住房套数', note='省下达…任务 = the annual task → target; 套（间）: unit 套', **TY)
I('1.08万套', '已筹集1.08万套', 1.08e4, '套', '保障性租赁住房套数', note='progress to the end of September')
I('90.0%', '完成年度任务的90.0%', 90.0, '%', '保障性租赁住房套数', m=P)
I('5840套', '分别筹集5840套', 5840, '套', '新建保障性租赁住房套数', note='分别: 新建 first')
I('2630套', '5840套、2630套', 2630, '套', '改建保障性租赁住房套数')
I('2330套', '盘活存量房源2330套', 2330, '套', '盘活存量保障性租赁住房套数')
I('6120套', '已分配入住6120套', 6120, '套', '保障性租赁住房分配入住套数')
I('8.96万套', '累计筹集保障性租赁住房8.96万套', 8.96e4, '套', '累计筹集保障性租赁住房套数',
  note='cumulative stock at the end of September: a separate series (as d07)')
N('二', '（二）配售型保障性住房', 'ordinal_or_rank', 'section number')
I('3个', '保障性住房项目3个', 3, '个', '配售型保障性住房项目数', note='计划建设 → target (all started since)', **TY)
I('2360套', '项目3个、2360套', 2360, '套', '配售型保障性住房开工套数', note='same 计划 sentence; d07’s name for the units of the year', **TY)
GG = '历城区港沟片区项目'
I('9栋', '共9栋住宅楼', 9, '栋', '住宅楼栋数', subj=GG, period=None, note='project specification: publication year, no period')
I('1260套', '住宅楼、1260套', 1260, '套', '房源套数', subj=GG, period=None)
N('18层', '最高18层', 'floor_count')
N('三', '（三）城中村改造', 'ordinal_or_rank', 'section number')
I('8个', '计划的项目8个', 8, '个', '城中村改造项目数', note='纳入…计划的项目: the year’s list (计划 a noun), exact', **Y24)
I('1.36万户', '涉及居民1.36万户', 1.36e4, '户', '城中村改造涉及户数', **Y24)
I('7个', '已启动征收项目7个', 7, '个', '城中村改造启动征收项目数')
I('1.12万户', '完成签约1.12万户', 1.12e4, '户', '城中村改造签约户数')
I('82.4%', '签约率82.4%', 82.4, '%', '城中村改造签约率', m=S)
I('6850套', '新开工安置住房6850套', 6850, '套', '安置住房新开工套数')
I('3120套', '基本建成安置住房3120套', 3120, '套', '棚改安置住房基本建成套数', note='heldout_c’s name for resettlement units basically completed (as d07)')
N('四', '（四）城镇老旧小区改造', 'ordinal_or_rank', 'section number')
I('236个', '老旧小区236个', 236, '个', '老旧小区改造数量', note='纳入改造计划的 (the year’s list, as heldout_b’s 纳入): exact', **Y24)
I('4.12万户', '涉及居民4.12万户', 4.12e4, '户', '老旧小区改造惠及户数', **Y24)
I('1186栋', '楼栋1186栋', 1186, '栋', '改造楼栋数', **Y24)
I('412.6万平方米', '建筑面积412.6万平方米', 412.6e4, '平方米', '改造建筑面积', **Y24)
I('18.62亿元', '计划总投资18.62亿元', 18.62e8, '元', '改造计划总投资', note='计划总投资 → target (heldout_b)', **TY)
I('236个', '236个小区已全部开工', 236, '个', '老旧小区开工数量')
I('100%', '开工率100%', 100, '%', '老旧小区改造开工率', m=S)
I('152个', '完工152个', 152, '个', '老旧小区完工数量')
I('64.4%', '完工率64.4%', 64.4, '%', '老旧小区改造完工率', m=S)
I('59.2%', '全省平均水平（59.2%）', 59.2, '%', '老旧小区改造完工率', m=S, subj='山东省', note='全省 = 山东省: comparison figure in brackets')
I('5.2个百分点', '高5.2个百分点', 5.2, '百分点', '老旧小区改造完工率差', m=G,
  note='gap over the province, not a change over time (named like the …增速差 gaps)')
I('14.62亿元', '累计完成投资14.62亿元', 14.62e8, '元', '改造完成投资')
I('78.5%', '占计划总投资的78.5%', 78.5, '%', '改造完成投资', m=P)
I('86.4公里', '雨污管网86.4公里', 86400, '米', '改造雨污管网长度', note='公里 → 米, heldout_b’s unit for this name')
I('3260个', '新增停车位3260个', 3260, '个', '新增停车位数')
I('1480个', '充电桩1480个', 1480, '个', '新增充电桩数')
I('68处', '服务设施68处', 68, '处', '新建改造社区服务设施数')
N('五', '（五）既有住宅加装电梯', 'ordinal_or_rank', 'section number')
I('400部', '年度任务400部', 400, '部', '加装电梯数', note='年度任务 → target; 加装电梯数 counts lifts built and handed over', **TY)
I('386部', '签约386部', 386, '部', '加装电梯签约数')
I('312部', '开工312部', 312, '部', '加装电梯开工数')
I('268部', '建成交付268部', 268, '部', '加装电梯数')
I('67.0%', '完成年度任务的67.0%', 67.0, '%', '加装电梯数', m=P)
N('六', '（六）保交房', 'ordinal_or_rank', 'section number')
I('46个', '攻坚范围的项目46个', 46, '个', '保交房项目数', **Y24)
I('3.85万套', '项目46个、3.85万套', 3.85e4, '套', '保交房任务套数', **Y24)
I('3.12万套', '已交付3.12万套', 3.12e4, '套', '交付已售难交付住房套数')
I('81.0%', '交付率81.0%', 81.0, '%', '保交房交付率', m=S)
N('二', '二、各区县进展情况', 'ordinal_or_rank', 'section number')
I('78.6%', '完工率分别为78.6%、75.0%', 78.6, '%', '老旧小区改造完工率', m=S, subj='历城区', note='districts listed before 分别')
I('75.0%', '78.6%、75.0%', 75.0, '%', '老旧小区改造完工率', m=S, subj='章丘区')
I('48.1%', '完工率分别为48.1%、50.0%', 48.1, '%', '老旧小区改造完工率', m=S, subj='槐荫区')
I('50.0%', '48.1%、50.0%', 50.0, '%', '老旧小区改造完工率', m=S, subj='莱芜区')
I('214栋', '市中区改造楼栋214栋', 214, '栋', '改造楼栋数', subj='市中区', **Y24)
N('第二位', '居全市第二位', 'ordinal_or_rank')
CF = '成丰桥片区'
I('5个', '涉及5个小区', 5, '个', '老旧小区改造数量', subj=CF, note='天桥区北坦街道成丰桥片区: a named area with its own figures')
I('1326户', '5个小区、1326户', 1326, '户', '老旧小区改造惠及户数', subj=CF)
I('2处', '新增口袋公园2处', 2, '处', '新增口袋公园数', subj=CF)
GX = '济南高新区'
I('1170套', '保障性租赁住房筹集1170套', 1170, '套', '保障性租赁住房套数', subj=GX)
I('97.5%', '完成全年任务的97.5%', 97.5, '%', '保障性租赁住房套数', m=P, subj=GX)
N('1', '表1　截至9月底', 'ordinal_or_rank', 'table number')
LINES = d.text.splitlines()
def L(label):
    c = [l for l in LINES if l.startswith(label) and '　　' in l]
    assert len(c) == 1, (label, c)
    return c[0]
def cells(line):
    for m in re.finditer(r'\d+', line):
        t = m.group()
        yield t, sum(1 for x in re.finditer(re.escape(t), line) if x.start() < m.start())
TH = 'table: 单位：个、户、栋、套 gives one unit per column, in order'
COLS = [('个', '老旧小区改造数量', Y24), ('户', '老旧小区改造惠及户数', Y24), ('栋', '改造楼栋数', Y24),
        ('套', '保障性租赁住房套数', {})]
for label in ['历下区', '市中区', '槐荫区', '天桥区', '历城区', '长清区', '章丘区', '莱芜区']:
    line = L(label)
    for i, ((t, at), (unit, name, kw)) in enumerate(zip(cells(line), COLS)):
        I(t, line, int(t), unit, name, subj=label, at=at, note=TH if i == 0 else None, **kw)
line = L('济南高新区　')
I('1170', line, 1170, '套', '保障性租赁住房套数', subj=GX, note='— in the other columns: no old communities listed')
N('三', '三、存在的问题', 'ordinal_or_rank', 'section number')
N('一', '一是个别区县', 'ordinal_or_rank', 'list item')
N('二', '二是部分保障性', 'ordinal_or_rank', 'list item')
N('三', '三是城中村改造', 'ordinal_or_rank', 'list item')
N('四', '四、下一步工作要求', 'ordinal_or_rank', 'section number')
I('80%', '完工率达到80%以上', 80, '%', '老旧小区改造完工率', q=T, m=S, period='2024-01..10',
  note='确保…以上 → target (outranks 以上); by the end of October')
I('236个', '12月底前236个小区全部完工', 236, '个', '老旧小区完工数量', **TY)
I('400部', '全年建成交付400部以上', 400, '部', '加装电梯数', **TY)
N('一次', '每月调度一次', 'other', 'frequency')
N('1', '附件：1.', 'ordinal_or_rank', 'attachment number')
N('2', '2.保障性租赁住房项目进展明细表', 'ordinal_or_rank', 'attachment number')
N('0531-66608321', '联系电话：0531-66608321', 'phone')
N('jnzfbzc@jn.gov.cn', '电子邮箱：jnzfbzc@jn.gov.cn', 'email')
d.finish()
