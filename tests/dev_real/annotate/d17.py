from build import Doc
d = Doc('d17_ocr_page_changzhou_2024.txt', '常州市', 2024, '2024-Q1..Q3')
I, N = d.I, d.N
G, Y, S, T, F = 'growth', 'yoy_growth', 'share', 'target', 'forecast'
SOFAR = '2024-01..2024-10'   # 今年以来, to the issue of 2024-10-16
# masthead
N('12版', '今日12版', 'page_count')
N('第16342期', '第16342期', 'issue_number')
N('CN32-0020', '国内统一连续出版物号 CN32-0020', 'document_id', 'serial publication number')
N('27-6', '邮发代号27-6', 'document_id', 'postal distribution code')
N('0519-86625110', '新闻热线 0519-86625110', 'phone')
N('17℃', '17℃～24℃', 'other', 'temperature (weather)')
N('24℃', '17℃～24℃', 'other', 'temperature (weather)')
N('3', '东北风3—4级', 'other', 'wind force')
N('4级', '3—4级', 'other', 'wind force')
N('第1版', '第1版　要闻', 'page_count', 'page label')
# 导读 (teasers of articles on other pages)
I('10.6万人', '新增城镇就业10.6万人', 10.6e4, '人', '城镇新增就业', note='teaser of a page-2 article: 我市 = 常州市, 前三季度')
N('2版', '10.6万人　▶2版', 'page_count')
N('第六届', '第六届中国（常州）智能制造大会', 'meeting_sequence', 'edition of the conference')
N('3版', '开幕　▶3版', 'page_count')
I('32.6万人次', '国庆假期接待游客32.6万人次', 32.6e4, '人次', '接待游客', subj='青果巷历史文化街区', period='2024-国庆',
  note='teaser of a page-5 article: the district’s own figure')
N('5版', '32.6万人次　▶5版', 'page_count')
# 武进
WJ = '武进区'
I('6.9%', '规上工业总产值增长6.9%', 6.9, '%', '规上工业总产值', m=G, subj=WJ,
  note='headline repeating the body figure: bare 增长 → growth though the body says 同比; the body’s period')
I('2316.8亿元', '地区生产总值2316.8亿元', 2316.8e8, '元', '地区生产总值', subj=WJ, note='reported by 武进区统计局 (never the subject)')
I('5.8%', '2316.8亿元，同比增长5.8%', 5.8, '%', '地区生产总值', m=Y, subj=WJ)
I('0.4个百分点', '增速高于全市0.4个百分点', 0.4, '百分点', '地区生产总值增速差', m=G, subj=WJ,
  note='gap over 常州市 (全市 in the city paper), not a change over time')
I('5.4%', '全市地区生产总值增长5.4%', 5.4, '%', '地区生产总值', m=G, note='同期 … 增长 → growth; 全市 = 常州市')
I('3286.4亿元', '规上工业总产值3286.4亿元', 3286.4e8, '元', '规上工业总产值', subj=WJ, note='全区 = 武进区')
I('6.9%', '3286.4亿元，同比增长6.9%', 6.9, '%', '规上工业总产值', m=Y, subj=WJ)
I('1012.5亿元', '新能源产业产值1012.5亿元', 1012.5e8, '元', '新能源产业产值', subj=WJ)
I('12.3%', '1012.5亿元，增长12.3%', 12.3, '%', '新能源产业产值', m=G, subj=WJ)
I('30.8%', '占规上工业总产值的30.8%', 30.8, '%', '新能源产业产值占比', m=S, subj=WJ)
I('486.2亿元', '固定资产投资486.2亿元', 486.2e8, '元', '固定资产投资', subj=WJ)
I('4.6%', '486.2亿元，增长4.6%', 4.6, '%', '固定资产投资', m=G, subj=WJ)
I('11.2%', '工业投资增长\n\n11.2%', 11.2, '%', '工业投资', m=G, subj=WJ, note='sentence broken by a column break (blank lines)')
WG = '武进国家高新区'
I('1156.3亿元', '规上工业总产值1156.3亿元', 1156.3e8, '元', '规上工业总产值', subj=WG)
I('8.1%', '1156.3亿元，增长8.1%', 8.1, '%', '规上工业总产值', m=G, subj=WG)
N('亿元', '新签约亿元以上项目23个', 'other', 'threshold in a category name')
I('23个', '新签约亿元以上项目23个', 23, '个', '新签约亿元以上项目数', subj='西太湖科技产业园')
N('第2版', '（下转第2版）', 'page_count')
# 金坛 project
PJ = '金坛储能电池系统项目'
I('65亿元', '总投资65亿元\n金坛', 65e8, '元', '项目总投资', subj=PJ, period=None, note='headline repeating the body figure')
I('65亿元', '该项目总投资65亿元', 65e8, '元', '项目总投资', subj=PJ, period=None,
  note='project specification: publication year, no period; the 将/预计 later in the sentence do not reach back')
I('420亩', '规划用地约420亩', 420, '亩', '总用地面积', q='approx', subj=PJ, period=None, note='规划 = design figure; 约 → approx')
I('12栋', '新建生产厂房12栋', 12, '栋', '厂房栋数', q=T, subj=PJ, period=None, note='将新建 → target')
I('16条', '智能化生产线16条', 16, '条', '生产线数', q=T, subj=PJ, period=None)
I('120亿元', '预计年产值超120亿元', 120e8, '元', '预计年产值', q=F, subj=PJ, period='每年', note='预计 → forecast (outranks 超)')
I('3000个', '就业岗位约3000个', 3000, '个', '提供就业岗位数', q=F, subj=PJ, period=None, note='same 预计 sentence → forecast (outranks 约)')
JT = '金坛区'
N('亿元', '新开工亿元以上产业项目41个', 'other', 'threshold in a category name')
I('41个', '产业项目41个', 41, '个', '新开工亿元以上产业项目数', subj=JT, period=SOFAR, note='今年以来 → to publication')
I('27个', '新能源领域项目27个', 27, '个', '新开工亿元以上新能源项目数', subj=JT, period=SOFAR)
I('六成', '占比超六成', 60, '%', '新开工亿元以上新能源项目占比', q='at_least', m=S, subj=JT, period=SOFAR, note='六成 → 60 %; 超 → at_least')
# 天目湖 festival
FEST = '2024天目湖山水音乐节'
FP = '2024-10-12..2024-10-13'
N('两天', '两天吸引乐迷', 'other', 'duration of the festival')
I('6.8万人次', '两天吸引乐迷6.8万人次', 6.8e4, '人次', '观众人次', subj=FEST, period=FP, note='headline repeating the body figure; festival-goers = audience')
I('6.8万人次', '两天共吸引乐迷6.8万人次', 6.8e4, '人次', '观众人次', subj=FEST, period=FP)
N('2024', '2024天目湖山水音乐节在', 'date_or_time', 'year in the event’s name')
N('两天', '两天共吸引乐迷', 'other', 'duration of the festival')
I('76%', '外地乐迷占比达76%', 76, '%', '外地观众占比', m=S, subj=FEST, period=FP)
I('5.2万张', '门票售出5.2万张', 5.2e4, '张', '门票销售数', subj=FEST, period=FP)
TM = '天目湖旅游度假区'
I('21.5万人次', '度假区接待游客21.5万人次', 21.5e4, '人次', '接待游客', subj=TM, period=FP, note='溧阳市天目湖旅游度假区: the resort’s own figure')
I('2.86亿元', '旅游收入2.86亿元', 2.86e8, '元', '旅游收入', subj=TM, period=FP)
I('93%', '入住率达到93%', 93, '%', '酒店入住率', m=S, subj=TM, period=FP, note='酒店、民宿平均入住率 → 酒店入住率')
N('第五年', '连续第五年举办', 'ordinal_or_rank')
N('一', '新北区一家汽车', 'other', '“a company” (indefinite), not a count; photo caption')
# 钟楼 enterprise
N('一', '钟楼区一企业入选', 'other', '“an enterprise” (indefinite), not a count')
N('第六批', '第六批专精特新', 'ordinal_or_rank', 'batch number')
C = '常州市晨锐精密传动有限公司'
I('48项', '发明专利48项', 48, '项', '发明专利数', subj=C, period=None, note='stock stated in the present (拥有): publication year')
I('620余人', '员工620余人', 620, '人', '员工人数', q='at_least', subj=C, period=None)
CP = dict(subj=C, period='2024-01..09')
I('6.3亿元', '公司实现产值6.3亿元', 6.3e8, '元', '企业产值', occ=0, **CP)
I('23.5%', '同比增长23.5%', 23.5, '%', '企业产值', m=Y, occ=0, **CP)
I('6.8%', '比重达6.8%', 6.8, '%', '研发费用占营业收入比重', m=S, occ=0, note='研发投入 ≈ 研发费用 (the same ratio)', **CP)
REP = 'OCR repeated line: the previous line printed twice; not a second mention'
N('6.3亿元', '公司实现产值6.3亿元', 'other', REP, occ=1)
N('23.5%', '同比增长23.5%', 'other', REP, occ=1)
N('6.8%', '比重达6.8%', 'other', REP, occ=1)
I('19家', '企业19家', 19, '家', '专精特新小巨人企业数', subj='钟楼区', period=None, note='cumulative stock stated in the present: publication year')
# 居民收入 (常州市)
I('54836元', '人均可支配收入54836元', 54836, '元', '居民人均可支配收入', note='我市 = 常州市; reported by 市统计局')
I('4.9%', '54836元，同比增长4.9%', 4.9, '%', '居民人均可支配收入', m=Y)
I('63712元', '人均可支配收入63712元', 63712, '元', '城镇居民人均可支配收入')
I('4.6%', '63712元，增长4.6%', 4.6, '%', '城镇居民人均可支配收入', m=G)
I('37458元', '人均可支配收入37458元', 37458, '元', '农村居民人均可支配收入')
I('5.9%', '37458元，增长5.9%', 5.9, '%', '农村居民人均可支配收入', m=G)
I('1.70', '收入比为1.70', 1.70, '倍', '城乡居民收入比', note='ratio without unit: 倍 by convention')
I('0.02', '缩小0.02', -0.02, '倍', '城乡居民收入比', m=G, note='缩小 → negative absolute change, the level’s unit')
# 人大常委会
N('十七届', '市十七届人大常委会举行', 'meeting_sequence')
N('第二十次', '举行第二十次会议', 'meeting_sequence')
N('十七届', '10月15日，市十七届', 'meeting_sequence')
N('第二十次', '第二十次会议开幕', 'meeting_sequence')
SY = dict(period=SOFAR)
I('86个', '城市更新项目86个', 86, '个', '城市更新项目数', note='今年以来 → to publication', **SY)
I('126.3亿元', '完成投资126.3亿元', 126.3e8, '元', '城市更新完成投资', **SY)
I('58个', '城镇老旧小区58个', 58, '个', '老旧小区改造数量', **SY)
I('2.1万户', '惠及居民2.1万户', 2.1e4, '户', '老旧小区改造惠及户数', **SY)
I('42.6万平方米', '公园绿地42.6万平方米', 42.6e4, '平方米', '新增绿地面积', **SY)
# 区域简讯
XB = '新北区'
I('678.4亿元', '进出口总额678.4亿元', 678.4e8, '元', '进出口总额', subj=XB, note='新北区（常州国家高新区）')
I('7.2%', '678.4亿元，同比增长7.2%', 7.2, '%', '进出口总额', m=Y, subj=XB)
I('32.5%', '占全市的32.5%', 32.5, '%', '进出口总额占全市比重', m=S, subj=XB)
I('452.6亿元', '出口452.6亿元', 452.6e8, '元', '出口总额', subj=XB)
I('9.1%', '452.6亿元，增长9.1%', 9.1, '%', '出口总额', m=G, subj=XB)
I('1.26万户', '新增经营主体1.26万户', 1.26e4, '户', '新增市场主体数量', subj='天宁区', note='经营主体 = 市场主体')
I('8.4%', '1.26万户，同比增长8.4%', 8.4, '%', '新增市场主体数量', m=Y, subj='天宁区')
I('286.3万人次', '累计接待游客286.3万人次', 286.3e4, '人次', '接待游客', subj='青果巷、红梅公园等重点区域',
  note='a group of named areas of 天宁区: the group as written; 前三季度 of the sentence')
I('25亿元', '新增年产值约25亿元', 25e8, '元', '新增年产值', q=F, subj='横林智能装备产业园一期', period='每年',
  note='预计…约 → forecast')
N('一期', '产业园一期竣工', 'ordinal_or_rank', 'project phase')
# footer
N('延陵西路99号', '延陵西路99号', 'address_or_route')
N('213003', '邮编：213003', 'address_or_route', 'postal code')
N('0519-86602288', '广告热线 0519-86602288', 'phone')
N('0519-86629898', '发行热线 0519-86629898', 'phone')
N('1.50元', '每份定价1.50元', 'other', 'cover price of the paper')
d.finish()
