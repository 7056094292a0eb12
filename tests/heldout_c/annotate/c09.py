import re
from build import Doc
d = Doc('c09_housing_hefei_2024.txt', '合肥市', 2024, '2024-01..10')
I, N = d.I, d.N
T = dict(q='target', period='2024')   # 计划 (this year's plan)
N('〔2024〕15号', '合老改办〔2024〕15号', 'document_id')
N('一小区一方案', '“一小区一方案”', 'policy_code')
# 一、总体进展情况
N('一', '一、总体进展情况', 'ordinal_or_rank', 'section number')
N('一', '（一）城镇老旧小区改造', 'ordinal_or_rank', 'item number')
I('186个', '计划改造城镇老旧小区186个', 186, '个', '老旧小区改造数量', note='计划 → target; the 计划 sentence scopes the whole list (户, 栋, 面积, 投资)', **T)
I('6.83万户', '涉及居民6.83万户', 6.83e4, '户', '老旧小区改造惠及户数', **T)
I('2415栋', '楼栋2415栋', 2415, '栋', '改造楼栋数', **T)
I('512万平方米', '改造建筑面积约512万平方米', 512e4, '平方米', '改造建筑面积', note='计划 outranks 约', **T)
I('16.8亿元', '计划总投资16.8亿元', 16.8e8, '元', '改造计划总投资', **T)
I('186个', '10月31日，186个小区已全部开工', 186, '个', '老旧小区开工数量', note='as of 2024-10-31')
I('100%', '开工率100%；', 100, '%', '老旧小区改造开工率', m='share')
I('142个', '已完工142个', 142, '个', '老旧小区完工数量')
I('76.3%', '完工率76.3%', 76.3, '%', '老旧小区改造完工率', m='share')
I('12.46亿元', '累计完成投资12.46亿元', 12.46e8, '元', '改造完成投资')
I('74.2%', '占年度计划投资的74.2%', 74.2, '%', '改造完成投资', m='progress', note='share of the annual plan completed → progress')
I('2108个', '计划改造城镇老旧小区2108个', 2108, '个', '老旧小区改造数量', subj='安徽省', note='province figure quoted for comparison; 计划 → target', **T)
I('2086个', '目前已开工2086个', 2086, '个', '老旧小区开工数量', subj='安徽省', note='目前 = as of the notice, taken as the same reference period')
I('328台', '全市已加装电梯328台', 328, '台', '加装电梯数')
I('246台', '已投入使用246台', 246, '台', '投入使用电梯数')
I('8620个', '新增停车位8620个', 8620, '个', '新增停车位数')
I('2350个', '充电桩2350个', 2350, '个', '新增充电桩数')
I('18.6万米', '老化管网18.6万米', 18.6e4, '米', '改造老化管网长度', note='米 as written (万米 → 米)')
I('112处', '社区服务设施112处', 112, '处', '新建改造社区服务设施数')
I('6.2亿元', '中央预算内投资6.2亿元', 6.2e8, '元', '中央补助资金', note='central subsidies and central budget investment obtained this year (今年 to date)')
N('二', '（二）棚户区改造', 'ordinal_or_rank', 'item number')
I('3860套', '安置住房3860套', 3860, '套', '棚户区改造开工套数', note='计划新开工 → target', **T)
I('3612套', '已开工3612套', 3612, '套', '棚户区改造开工套数')
I('93.6%', '开工率93.6%', 93.6, '%', '棚户区改造开工率', m='share')
I('5280套', '基本建成安置住房5280套', 5280, '套', '棚改安置住房基本建成套数')
I('105.6%', '完成年度目标任务的105.6%', 105.6, '%', '棚改安置住房基本建成套数', m='progress')
I('1.5万套', '保障性租赁住房1.5万套', 1.5e4, '套', '保障性租赁住房套数', note='计划筹集 → target; 套（间） counted as 套', **T)
I('1.52万套', '已筹集1.52万套', 1.52e4, '套', '保障性租赁住房套数')
I('1.08万套', '分配入住1.08万套', 1.08e4, '套', '保障性租赁住房分配入住套数', note='cumulative')
# 二、各县（市）区进展情况
N('二', '二、各县（市）区进展情况', 'ordinal_or_rank', 'section number')
I('83.3%', '包河区完工率83.3%', 83.3, '%', '老旧小区改造完工率', m='share', subj='包河区')
N('第一', '居全市第一', 'ordinal_or_rank')
I('80.8%', '分别为80.8%', 80.8, '%', '老旧小区改造完工率', m='share', subj='蜀山区', note='分别: 蜀山区, 庐阳区')
I('78.6%', '80.8%、78.6%', 78.6, '%', '老旧小区改造完工率', m='share', subj='庐阳区')
I('72.2%', '分别为72.2%', 72.2, '%', '老旧小区改造完工率', m='share', subj='长丰县', note='分别: four areas in order')
I('70.0%', '72.2%、70.0%', 70.0, '%', '老旧小区改造完工率', m='share', subj='肥东县')
I('62.5%', '70.0%、62.5%', 62.5, '%', '老旧小区改造完工率', m='share', subj='庐江县')
I('66.7%', '62.5%、66.7%', 66.7, '%', '老旧小区改造完工率', m='share', subj='巢湖市')

# the table: unit only in the header "单位：个、户、栋、个、台"
COLS = [('老旧小区改造数量', '个', T), ('老旧小区改造惠及户数', '户', T), ('改造楼栋数', '栋', T),
        ('老旧小区完工数量', '个', {}), ('加装电梯数', '台', {})]
def table_row(area, subj=None):
    line = next(l for l in d.text.split('\n') if l.startswith(area + '　'))
    assert len(line) <= 80
    pos = len(area) + 1
    for (ind, unit, extra), cell in zip(COLS, line.split('　')[1:]):
        start = line.index(cell, pos)
        at = [m.start() for m in re.finditer(re.escape(cell), line)].index(start)
        note = 'table cell: unit from the header 单位：个、户、栋、个、台'
        if extra:
            note += '; 计划改造 column (and the scope of the plan: 涉及居民/楼栋) → target'
        I(cell, line, int(cell), unit, ind, subj=subj or area, at=at, note=note, **extra)
        pos = start + len(cell)
for area in ['瑶海区', '庐阳区', '蜀山区', '包河区', '长丰县', '肥东县', '肥西县', '庐江县', '巢湖市']:
    table_row(area)
table_row('合计', subj='合肥市')
# 三、典型做法
N('三', '三、典型做法', 'ordinal_or_rank', 'section number')
A = '安居苑小区'
I('38栋', '共有楼栋38栋', 38, '栋', '改造楼栋数', subj=A, period='2024', note='specification of a renovated compound (this year’s batch)')
I('1260户', '居民1260户', 1260, '户', '老旧小区改造惠及户数', subj=A, period='2024')
I('96.8%', '同意率达到96.8%', 96.8, '%', '加装电梯同意率', m='share', subj=A, period='2024')
I('26台', '共加装电梯26台', 26, '台', '加装电梯数', subj=A, period='2024')
I('420个', '新增停车位420个', 420, '个', '新增停车位数', subj=A, period='2024')
I('一处', '建成一处约600平方米', 1, '处', '社区食堂数', subj=A, period='2024', note='Chinese numeral count (as heldout_b 社区食堂1处)')
I('600平方米', '约600平方米的社区食堂', 600, '平方米', '社区食堂建筑面积', q='approx', subj=A, period='2024')
I('300余人次', '日均服务老年居民300余人次', 300, '人次', '社区食堂日均服务人次', q='at_least', subj=A, period=None, note='daily average, present tense → publication year')
I('32个', '对辖区32个小区', 32, '个', '体检小区数', subj='瑶海区', note='same 32 compounds as the table’s plan, here as those examined (exact)')
I('1560条', '梳理问题清单1560条', 1560, '条', '问题清单条数', subj='瑶海区')
I('95.2%', '居民满意度达到95.2%', 95.2, '%', '居民满意度', m='share', subj='瑶海区')
# 四、存在问题
N('四', '四、存在问题', 'ordinal_or_rank', 'section number')
N('一是', '一是部分县', 'ordinal_or_rank', 'list item')
I('6个', '仍有6个小区', 6, '个', '未完工小区数', subj='庐江县、巢湖市', note='sum of the two areas (3 + 3 in the table)')
N('二是', '二是加装电梯', 'ordinal_or_rank', 'list item')
I('12台', '分别仅为12台', 12, '台', '加装电梯数', subj='长丰县', note='repeats the table cell')
I('9台', '12台、9台', 9, '台', '加装电梯数', subj='庐江县')
N('三是', '三是部分项目', 'ordinal_or_rank', 'list item')
I('1.2亿元', '约1.2亿元补助资金未拨付', 1.2e8, '元', '未拨付补助资金', q='approx')
# 五、下步工作要求
N('五', '五、下步工作要求', 'ordinal_or_rank', 'section number')
N('一', '（一）加快施工进度', 'ordinal_or_rank', 'item number')
I('186个', '完成全部186个小区改造任务', 186, '个', '老旧小区完工数量', q='target', period='2024', note='确保…前完成 → target (all 186 to be finished by year-end)')
I('400台', '力争突破400台', 400, '台', '加装电梯数', q='target', period='2024', note='力争突破 → target')
N('二', '（二）加强质量安全监管', 'ordinal_or_rank', 'item number')
N('一月一调度', '“一月一调度', 'policy_code')
N('一季一通报', '一季一通报”', 'policy_code')
N('三', '（三）及时报送信息', 'ordinal_or_rank', 'item number')
N('0551-63538117', '联系电话：0551-63538117', 'phone')
N('hflgxq2024@163.com', '电子邮箱：hflgxq2024@163.com', 'email')
d.finish()
