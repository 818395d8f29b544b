/**
 * More trades that talk to customers through WeCom: training schools' lessons after enrolment,
 * gyms, beauty salons and cosmetic clinics, car dealers, apps and games,
 * hospitals and pharmacies, freight carriers, and home appliance services. The classes
 * services.ts already holds (试听, 机票, 私教, 美甲, 年检, 挂号 …) stay there; these are the
 * questions it has no class for. Where a form is a kind of an older class it says so in BROADER.
 */
import type { ConceptClass } from './index';

export const VERTICALS: readonly ConceptClass[] = [
  // ───────────────────────── training schools ─────────────────────────
  // Watching a lesson again is a kind of online lesson (training.online_class holds 回放 and 录播).
  { id: 'training.replay', terms: ['重播', '回看', '补看', '错过直播', '直播错过', '没赶上直播', '直播没赶上', '录播课'] },
  // Learning from home or another city is a kind of online lesson too.
  { id: 'training.remote', terms: ['在家上课', '在家能上', '在家学', '在家听课', '远程上课', '远程教学', '异地上课', '外地能学', '线上课程', '在线课', '在线学习', '线上学习', '对着电脑', '电脑上上课', '用电脑上', '手机上上课', '在家就能上', '不出门上课', '网上学', '网上能学', '网上可以学', '网上上课', '网上听课'] },
  // What the customer asks about the teaching is answered by the entry on teachers (training.teacher).
  { id: 'training.teaching', terms: ['教得怎么样', '教得好不好', '教得好', '讲得怎么样', '讲得好', '教学质量', '教学水平', '教学经验', '教龄'] },
  // Never having learnt is a kind of the level question (training.level holds 零基础 and 跟不上).
  { id: 'training.beginner', terms: ['没学过', '完全没学过', '没接触过', '能跟上', '跟得上', '跟上进度', '从头开始', '从头学', '底子差', '底子不好', '底子薄'] },
  // A lesson missed and made up later is a kind of make-up lesson (training.makeup_class).
  { id: 'training.missed_lesson', terms: ['课能补', '课可以补', '课怎么补', '补上课', '把课补上', '漏课', '没来上课', '没去上课', '上不了课', '来不了上课', '没去上', '那节没上', '课没上成', '落了课', '漏了一节'] },
  { id: 'training.materials', terms: ['学习资料', '讲义', '课件', '资料包', '题库', '习题', '真题', '复习资料', '上课的书', '上课的资料', '上课的本子', '课上的书', '上课的教材'] },
  { id: 'training.homework', terms: ['作业'] },
  { id: 'training.class_size', terms: ['班级人数', '小班教学', '班额', '一个班几个', '一个班多少', '班里几个', '几个人一个班', '一个班级', '班上人', '班里人', '班上几个'] },
  { id: 'training.hours_validity', terms: ['课时有效期', '课时过期', '课时到期', '课时延期', '课程有效期', '课程过期', '课时清零', '课时会过期', '课时作废', '用不完会作废', '课时用不完', '没用完的课时', '课时过期作废'] },
  { id: 'training.progress', terms: ['学习报告', '学习情况', '学习进度', '课堂表现', '学得怎么样', '学习效果', '成绩单'] },
  { id: 'training.placement', terms: ['水平测试', '分班测试', '入学测试', '摸底测试', '摸底考试'] },
  { id: 'training.duration', terms: ['学制', '学习周期', '学多久', '多久学会', '多久能学会', '学会要多久'] },

  // Paying more on top ("另外交钱") is a kind of being charged (payment.charge holds 另外收费 and 加钱).
  { id: 'charge.extra', terms: ['另外交钱', '额外交钱', '另交钱', '另外付费', '额外付费', '单独付费', '还要交钱', '再交钱', '要自己买', '得自己买', '需要自己买', '自己掏钱买', '要另外买', '得另外买', '另外花钱', '要单独买', '得单独买', '多交钱', '多付钱', '多掏钱', '另外掏钱', '还要掏钱', '再掏钱', '另购', '另行购买', '另外购买', '单独购买'] },

  // ───────────────────────── gyms & beauty ─────────────────────────
  // A first free session at a gym or salon is a kind of trial lesson (training.trial_class).
  { id: 'fitness.trial', terms: ['来练一次', '练一次试试', '先练一次', '免费练一次', '体验券', '先来体验', '免费体验课', '先来练一次', '先练练', '免费试试', '来试试', '过来试试'] },
  // A locker is one of a place's facilities (store.facilities holds 储物柜).
  { id: 'fitness.locker', terms: ['柜子', '更衣柜', '带锁', '有地方洗澡', '洗澡的地方', '存包的地方', '放东西的地方', '换衣服的地方', '存东西', '放东西的柜子', '放衣服的柜子', '存包的柜子', '锁东西的柜子', '放包的柜子', '换衣服的柜子'] },
  // Painting nails is a kind of what salon.nails names (美甲); the dye and perm lotions are goods, not the service.
  { id: 'salon.manicure', terms: ['做个指甲', '做个美甲', '涂指甲', '指甲油', '甲油胶', '光疗甲', '延长甲', '涂个指甲', '弄个指甲', '做个甲'] },
  { id: 'salon.lashes', terms: ['睫毛', '美睫', '嫁接睫毛', '种睫毛', '接睫毛', '假睫毛', '睫毛嫁接'] },
  // Redoing what came off within days (补睫, 脱落免费补) is asked of nails and lashes alike.
  { id: 'salon.touch_up', terms: ['补睫', '补甲', '掉了能补', '免费补', '掉了补'] },
  { id: 'salon.brows', terms: ['纹眉', '绣眉', '雾眉', '飘眉'] },
  { id: 'salon.eyeliner', terms: ['眼线', '美瞳线'] },
  { id: 'salon.products', terms: ['染发剂', '染发膏', '染膏', '染发药水'] },

  // Cosmetic clinics: each procedure its own class (a filler is not a botulinum shot).
  { id: 'aesthetic.eyelid', terms: ['双眼皮'] },
  { id: 'aesthetic.nose', terms: ['隆鼻', '鼻综合'] },
  { id: 'aesthetic.filler', terms: ['玻尿酸', '苹果肌'] },
  { id: 'aesthetic.botox', terms: ['肉毒', '瘦脸针', '除皱针'] },
  { id: 'aesthetic.liposuction', terms: ['吸脂', '抽脂'] },
  { id: 'aesthetic.spots', terms: ['祛斑', '皮秒', '黄褐斑', '雀斑'] },
  { id: 'aesthetic.moles', terms: ['点痣', '去痣'] },
  { id: 'aesthetic.lifting', terms: ['热玛吉', '超声刀', '线雕'] },
  { id: 'aesthetic.eye_bags', terms: ['眼袋'] },

  // ───────────────────────── car dealers ─────────────────────────
  // The car itself, said alone, names the whole trade: any entry of a car dealer explains it (TOPIC_HEADS).
  { id: 'auto.car', terms: ['车子', '车辆', '新车', '爱车', '汽车', '私家车', '轿车', '座驾'] },
  { id: 'auto.test_drive', terms: ['试驾', '试乘', '开一下车', '试开', '开一圈', '开开看', '试试车', '试下车'] },
  { id: 'auto.dealer', terms: ['4s店', '展厅', '店里看车', '到店看车'] },
  // A car loan is a kind of loan (loan.borrow holds 贷款).
  { id: 'auto.car_loan', terms: ['车贷', '贷款购车', '贷款买车', '分期买车', '按揭买车', '汽车金融', '首付', '贴息'] },
  { id: 'auto.delivery', terms: ['提车', '提新车', '订车周期', '车能提', '交车', '调车', '车到店', '开回家'] },
  { id: 'auto.plate', terms: ['上牌', '车牌', '临牌', '新能源牌', '牌照', '挂牌', '办牌'] },
  // How much the car costs on the road is a kind of price question (ask.price).
  { id: 'auto.price', terms: ['落地价', '落地', '裸车价', '裸车', '指导价', '全款落地', '提车价', '成交价'] },
  // An old car taken in part payment is a kind of trade-in (promo.trade_in holds 置换).
  { id: 'auto.trade_in', terms: ['旧车置换', '二手车置换', '置换补贴', '旧车换新', '旧车抵', '旧车能抵', '旧车评估', '二手车评估', '卖旧车'] },
  { id: 'auto.powertrain', terms: ['混动', '纯电', '插混', '增程', '新能源车', '燃油车'] },
  { id: 'auto.fuel_economy', terms: ['油耗', '电耗'] },
  { id: 'auto.recall', terms: ['召回'] },
  // A car lent while the customer's own is in the workshop.
  { id: 'auto.courtesy_car', terms: ['代步车', '备用车', '没车开', '没车用', '给辆车', '借辆车'] },

  // ───────────────────────── apps & games ─────────────────────────
  { id: 'app.activation', terms: ['激活码', '激活', '激活失败', '序列号', '授权码', '密钥', '秘钥', 'cdkey'] },
  // It quits by itself: a kind of fault (aftersales.fault), as 闪退 is.
  { id: 'app.force_quit', terms: ['秒退', '自己退出', '打开就退', '一进就退', '进去就退', '进游戏就退'] },
  // A version update is a kind of what account.app names (升级版本, 最新版本).
  { id: 'app.update', terms: ['版本更新', '更新版本', '检查更新', '更新不了', '无法更新', '更新失败', '版本升级', '升级到新版'] },
  { id: 'topup.not_credited', terms: ['充值未到账', '充值不到账', '充了钱没到', '充值没到', '充了没到', '没充进去', '钻石没到', '金币没到'] },
  { id: 'topup.mistaken', terms: ['充错', '误充', '充多了', '多充了', '不小心充了'] },
  { id: 'game.items', terms: ['装备', '道具', '虚拟物品'] },
  { id: 'game.lost_items', terms: ['装备丢失', '道具丢失', '装备没了', '道具没了', '装备不见', '道具不见', '找回装备', '找回道具', '号被洗'] },
  { id: 'game.minor', terms: ['防沉迷', '未成年人充值', '未成年充值', '孩子充值', '孩子充了', '孩子偷偷充', '小孩充了', '偷偷充了', '未成年退款'] },

  // ───────────────────────── hospitals & pharmacies ─────────────────────────
  { id: 'clinic.medicine', terms: ['药品', '药物', '买药', '购药', '药店', '处方药', '消炎药', '消炎', '止痛药', '抗生素', '头孢', '布洛芬', '吃药'] },
  // Sending medicine home is a kind of delivery (delivery.delivery holds 配送).
  { id: 'clinic.medicine_delivery', terms: ['送药', '送药上门', '寄药', '药品配送', '药能寄'] },
  { id: 'clinic.admission', terms: ['住院', '入院'] },
  { id: 'clinic.discharge', terms: ['出院'] },
  { id: 'clinic.visiting', terms: ['陪床', '探视'] },
  { id: 'clinic.emergency', terms: ['急诊', '急救'] },
  { id: 'clinic.online_consult', terms: ['视频问诊', '问诊', '互联网医院', '网上看病'] },

  // ───────────────────────── freight ─────────────────────────
  { id: 'logistics.freight', terms: ['货运公司', '大件物流', '大件运输', '物流专线', '运货'] },
  { id: 'logistics.full_truck', terms: ['整车运输', '整车物流', '包车运输'] },
  { id: 'logistics.part_load', terms: ['零担', '零担物流'] },
  { id: 'logistics.cold_chain', terms: ['冷链', '冷藏车', '冷链物流'] },

  // ───────────────────────── home appliances ─────────────────────────
  // Repairing an appliance at home is a kind of repair (aftersales.repair), as a building's is.
  { id: 'home.appliance_repair', terms: ['家电维修', '家电修理', '家电坏了', '加氟'] },
];
