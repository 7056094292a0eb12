from build import Doc
H = '2025-五一'
d = Doc('d04_tourism_fenghuang_2025wuyi.txt', '凤凰县', 2025, H)
I, N = d.I, d.N
Y, G, S = 'yoy_growth', 'growth', 'share'
I('87.62万人次', '“五一”假期凤凰县接待游客87.62万人次', 87.62e4, '人次', '接待游客', note='headline: repeats the body figure')
I('9.8%', '87.62万人次 同比增长9.8%', 9.8, '%', '接待游客', m=Y, note='headline')
N('10:12', '发布时间：2025-05-06 10:12', 'date_or_time', 'time of publication')
N('5天', '“五一”假期5天', 'other', 'duration of the holiday')
I('87.62万人次', '全县共接待游客87.62万人次', 87.62e4, '人次', '接待游客', note='全县 = 凤凰县; the 县文旅广电局 is the source, not the subject')
I('9.8%', '87.62万人次，同比增长9.8%', 9.8, '%', '接待游客', m=Y)
I('6.85亿元', '实现旅游综合收入6.85亿元', 6.85e8, '元', '旅游收入', note='旅游综合收入 = the catalogue’s 旅游收入')
I('11.3%', '6.85亿元，同比增长11.3%', 11.3, '%', '旅游收入', m=Y)
I('32.41万人次', '接待过夜游客32.41万人次', 32.41e4, '人次', '接待过夜游客')
I('6.5%', '32.41万人次，同比增长6.5%', 6.5, '%', '接待过夜游客', m=Y)
I('91.6%', '平均入住率达到91.6%', 91.6, '%', '酒店民宿入住率', m=S, note='hotels and homestays together')
GCP = '凤凰古城片区'
I('98%', '入住率均超过98%', 98, '%', '酒店民宿入住率', q='at_least', m=S, subj=GCP, period='2025-05-02..2025-05-03', note='超过 → at_least; the old-town area on 2 and 3 May')
I('468元', '平均房价为每晚468元', 468, '元', '民宿客房均价', subj=GCP, note='per night')
I('35%', '较节前上涨35%左右', 35, '%', '民宿客房均价', q='approx', m=G, subj=GCP, note='against the days before the holiday, not year-on-year → growth')
I('112家', '对112家住宿经营户开展', 112, '家', '价格巡查住宿经营户数', note='count of lodging businesses inspected (borderline count; the 市场监管局 is not the subject)')
# scenic areas
GC = '凤凰古城景区'
I('56.3万人次', '凤凰古城景区接待游客56.3万人次', 56.3e4, '人次', '核心景区接待游客', subj=GC)
I('8.2%', '56.3万人次，同比增长8.2%', 8.2, '%', '核心景区接待游客', m=Y, subj=GC)
I('15.8万人次', '单日接待游客15.8万人次', 15.8e4, '人次', '单日接待游客', subj=GC, period='2025-05-02')
NC = '南方长城景区'
I('3.62万人次', '南方长城景区接待游客3.62万人次', 3.62e4, '人次', '核心景区接待游客', subj=NC)
I('12.4%', '3.62万人次，同比增长12.4%', 12.4, '%', '核心景区接待游客', m=Y, subj=NC)
QL = '奇梁洞景区'
I('2.87万人次', '奇梁洞景区接待游客2.87万人次', 2.87e4, '人次', '核心景区接待游客', subj=QL)
I('5.1%', '2.87万人次，同比增长5.1%', 5.1, '%', '核心景区接待游客', m=Y, subj=QL)
I('1.46万人次', '分别接待游客1.46万人次', 1.46e4, '人次', '核心景区接待游客', subj='苗人谷景区', note='分别: 苗人谷景区, 黄丝桥古城')
I('0.93万人次', '1.46万人次、0.93万人次', 0.93e4, '人次', '核心景区接待游客', subj='黄丝桥古城')
SJ = '山江苗族博物馆'
I('1.12万人次', '山江苗族博物馆接待游客1.12万人次', 1.12e4, '人次', '核心景区接待游客', subj=SJ)
I('23.1%', '1.12万人次，同比增长23.1%', 23.1, '%', '核心景区接待游客', m=Y, subj=SJ)
# events
I('42场', '等文旅活动42场', 42, '场', '文旅活动场次')
BC = '《边城》'
N('2场', '加演至每天2场', 'other', 'daily schedule of the show (shows per day), not a total')
N('5天', '5天共演出10场', 'other', 'duration')
I('10场', '5天共演出10场', 10, '场', '演出场次', subj=BC, note='the show is the subject (the theatre is its venue)')
I('1.6万人次', '吸引观众1.6万人次', 1.6e4, '人次', '观众人次', subj=BC)
I('96%', '上座率达96%', 96, '%', '演出上座率', m=S, subj=BC)
# night tourism
TJ = '沱江游船'
N('22时', '延长运营至每晚22时', 'date_or_time', 'time of day')
I('5.6万人次', '假期共接待游客5.6万人次', 5.6e4, '人次', '游船接待游客', subj=TJ)
I('15.2%', '5.6万人次，同比增长15.2%', 15.2, '%', '游船接待游客', m=Y, subj=TJ)
N('万名塔', '虹桥风雨楼、万名塔一带', 'other', 'place name (a pagoda)')
I('1.8万人次', '每小时1.8万人次', 1.8e4, '人次', '夜间客流峰值', subj='虹桥风雨楼、万名塔一带', note='peak per hour in the night; the spot as written')
N('3万人', '控制在3万人以内', 'other', 'ceiling (以内): a capacity limit, not a measured value')
N('两岸', '并在沱江两岸', 'other', 'both banks (not a count)')
I('15个', '增设志愿服务点15个', 15, '个', '志愿服务点数', subj=GC, note='same sentence as 凤凰古城景区 (its measures)')
I('320余名', '每天上岗志愿者320余名', 320, '人', '志愿者人数', q='at_least', subj=GC, note='per day; 名 → 人; 余 → at_least')
# rural tourism
CPT = '菖蒲塘村'
I('2.4万人次', '菖蒲塘村接待游客2.4万人次', 2.4e4, '人次', '乡村旅游接待游客', subj=CPT, note='village of 廖家桥镇 with its own figures')
I('186万元', '实现收入186万元', 186e4, '元', '农产品销售收入', subj=CPT)
LJZ = '老家寨村'
I('0.86万人次', '老家寨村接待游客0.86万人次', 0.86e4, '人次', '乡村旅游接待游客', subj=LJZ)
I('12家', '村里12家民宿', 12, '家', '民宿数量', subj=LJZ, period=None, note='present stock → publication year')
# consumption
I('2.16亿元', '文旅消费总额2.16亿元', 2.16e8, '元', '文旅消费总额', note='UnionPay data; the county')
I('13.6%', '2.16亿元，同比增长13.6%', 13.6, '%', '文旅消费总额', m=Y)
I('46.2%', '夜间消费占比达到46.2%', 46.2, '%', '夜间消费占比', m=S)
I('68家', '重点监测的68家餐饮企业', 68, '家', '重点监测餐饮企业数', note='borderline count of monitored enterprises (as heldout_c c07’s 186家 hotels)')
I('3860万元', '实现营业额3860万元', 3860e4, '元', '餐饮营业额')
I('9.4%', '3860万元，同比增长9.4%', 9.4, '%', '餐饮营业额', m=Y)
I('1.2万余件', '等商品1.2万余件', 1.2e4, '件', '特色商品销售量', q='at_least', note='shops of the old town, not named: the county')
# visitors' origin
I('62.4%', '省外游客占比62.4%', 62.4, '%', '省外游客占比', m=S)
I('3.6个百分点', '较去年同期提高3.6个百分点', 3.6, '百分点', '省外游客占比', m=G)
I('1.26万人次', '接待入境游客1.26万人次', 1.26e4, '人次', '接待境外游客', note='入境游客 = 接待境外游客 (heldout_c c07)')
I('86.7%', '1.26万人次，同比增长86.7%', 86.7, '%', '接待境外游客', m=Y)
N('两晚', '住了两晚', 'other', 'duration of the stay')
N('一家三口', '一家三口', 'other', 'family size')
N('3天', '在凤凰玩了3天', 'other', 'duration')
I('2000元', '人均花费约2000元', 2000, '元', '游客人均花费', q='approx', subj='李女士一家', note='anecdote: one family’s spending per person (as heldout_c c07)')
# transport
FS = '凤凰收费站'
I('12.6万辆次', '凤凰收费站进出车辆12.6万辆次', 12.6e4, '辆次', '高速公路进出车辆', subj=FS)
I('7.5%', '12.6万辆次，同比增长7.5%', 7.5, '%', '高速公路进出车辆', m=Y, subj=FS)
ZJ = '凤凰古城站'
I('14.0万人次', '到发旅客14.0万人次', 14.0e4, '人次', '到发旅客量', subj=ZJ, note='station of the 张吉怀 high-speed line; arrivals and departures')
I('18.2%', '14.0万人次，同比增长18.2%', 18.2, '%', '到发旅客量', m=Y, subj=ZJ)
I('6处', '设置临时停车场6处', 6, '处', '临时停车场数', note='the 交警大队 is the actor, not the subject')
I('2300个', '新增停车泊位2300个', 2300, '个', '新增停车位数')
# services
I('860人次', '出动执法人员860人次', 860, '人次', '出动执法人员')
I('23起', '受理旅游咨询投诉23起', 23, '起', '文旅咨询投诉受理量', note='起 kept as written')
I('100%', '办结率100%', 100, '%', '咨询投诉办结率', m=S)
N('0743-3221235', '旅游服务热线0743-3221235', 'phone')
N('12345', '或12345政务服务便民热线', 'phone', 'government hotline')
# prefecture, year to date, target
XX = '湘西土家族苗族自治州'
I('312.5万人次', '全州共接待游客312.5万人次', 312.5e4, '人次', '接待游客', subj=XX, note='prefecture figure quoted for comparison (the 州文旅广电局 is the source)')
I('28.0%', '占全州的28.0%', 28.0, '%', '接待游客占全州比重', m=S, note='the county’s share of the prefecture')
N('8个', '居全州8个县市第一', 'other', 'number of counties (framing of the rank)')
N('第一', '8个县市第一', 'ordinal_or_rank')
YTD = dict(period='2025-01..2025-05', note='今年以来 to publication (2025-05-06)')
I('412.6万人次', '累计接待游客412.6万人次', 412.6e4, '人次', '接待游客', **YTD)
I('10.4%', '412.6万人次，同比增长10.4%', 10.4, '%', '接待游客', m=Y, **YTD)
N('5A级', '国家5A级旅游景区', 'ordinal_or_rank', 'rating grade')
I('2000万人次', '接待游客突破2000万人次', 2000e4, '人次', '接待游客', q='target', period='2025', note='力争突破 → target; full year')
d.finish()
