/**
 * Goods: the things customers buy, named. Every named kind is a kind of `goods.goods` (商品,
 * 宝贝, 产品): an entry about goods in general (收到商品破损怎么办) explains the customer's cup,
 * and an entry that names no goods at all (退款多久到账) leaves it as what was bought, not as
 * what is asked (../../retrieve.ts). An entry that names another kind (吹风机) does not explain
 * it: 卷发棒 is not a hair dryer.
 * Kinds are what a shop sells as one product; words of a customer and of a catalogue alike.
 */
import type { ConceptClass } from './index';

const kind = (name: string, terms: readonly string[]): ConceptClass => ({ id: `goods.${name}`, terms });

/**
 * The named kinds, by the departments of a general store: one class per thing (薯条 is not 蛋糕),
 * its synonyms together; ids are the first term's pinyin.
 */
export const GOODS_KINDS: readonly ConceptClass[] = [
  // clothing and shoes
  kind('yi_fu', ['衣服', '衣裳', '衣物', '服装']), kind('shang_yi', ['上衣']), kind('t_xu', ['t恤', '体恤']), kind('duan_xiu', ['短袖', '半袖']),
  kind('chen_shan', ['衬衫', '衬衣']), kind('mao_yi', ['毛衣', '针织衫']), kind('wei_yi', ['卫衣']), kind('kai_shan', ['开衫']), kind('wai_tao', ['外套']),
  kind('da_yi', ['大衣']), kind('feng_yi', ['风衣']), kind('jia_ke', ['夹克']), kind('yu_rong_fu', ['羽绒服']), kind('mian_fu', ['棉服', '棉衣']),
  kind('chong_feng_yi', ['冲锋衣']), kind('xi_zhuang', ['西装']), kind('ku_zi', ['裤子', '长裤']), kind('duan_ku', ['短裤']), kind('xiu_xian_ku', ['休闲裤']),
  kind('yun_dong_ku', ['运动裤']), kind('kuo_tui_ku', ['阔腿裤']), kind('xi_ku', ['西裤']), kind('niu_zai_ku', ['牛仔裤']), kind('qun_zi', ['裙子']),
  kind('lian_yi_qun', ['连衣裙']), kind('ban_shen_qun', ['半身裙']), kind('duan_qun', ['短裙']), kind('chang_qun', ['长裙']), kind('xie_zi', ['鞋子']),
  kind('yun_dong_xie', ['运动鞋', '跑鞋']), kind('pi_xie', ['皮鞋']), kind('gao_gen_xie', ['高跟鞋']), kind('ban_xie', ['板鞋']), kind('fan_bu_xie', ['帆布鞋']),
  kind('xue_zi', ['靴子']), kind('liang_xie', ['凉鞋']), kind('xue_di_xue', ['雪地靴']), kind('tong_xie', ['童鞋']), kind('mao_zi', ['帽子']),
  kind('bang_qiu_mao', ['棒球帽']), kind('wei_jin', ['围巾']), kind('si_jin', ['丝巾']), kind('shou_tao', ['手套']), kind('bao_bao', ['包包']),
  kind('bei_bao', ['背包', '双肩包']), kind('shu_bao', ['书包']), kind('shou_ti_bao', ['手提包']), kind('xie_kua_bao', ['斜挎包', '挎包']),
  kind('xing_li_xiang', ['拉杆箱', '旅行箱']), kind('qian_jia', ['钱夹']), kind('pi_dai', ['皮带', '腰带']),
  // jewellery and accessories
  kind('xiang_lian', ['项链']), kind('shou_lian', ['手链']), kind('shou_zhuo', ['手镯']), kind('jie_zhi', ['戒指']), kind('er_huan', ['耳环']),
  kind('er_ding', ['耳钉']), kind('diao_zhui', ['吊坠']), kind('shou_shi', ['首饰', '饰品']), kind('shou_biao', ['手表', '腕表']),
  kind('zhi_neng_shou_biao', ['智能手表']), kind('shou_huan', ['手环']), kind('yan_jing', ['眼镜']), kind('mo_jing', ['墨镜', '太阳镜']),
  kind('jing_kuang', ['镜框']), kind('jing_pian', ['镜片']), kind('yin_xing_yan_jing', ['隐形眼镜']), kind('yu_san', ['雨伞']), kind('zhe_yang_san', ['遮阳伞']),
  // beauty and personal care
  kind('hu_fu_pin', ['护肤品']), kind('mian_shuang', ['面霜']), kind('ru_ye', ['乳液']), kind('jing_hua_ye', ['精华液']),
  kind('shuang_fu_shui', ['爽肤水', '化妆水']), kind('yan_shuang', ['眼霜']), kind('mian_mo', ['面膜']), kind('xi_mian_nai', ['洗面奶']),
  kind('fang_shai_shuang', ['防晒霜']), kind('hua_zhuang_pin', ['化妆品']), kind('kou_hong', ['口红']), kind('fen_di', ['粉底', '粉底液']),
  kind('yan_ying', ['眼影']), kind('jie_mao_gao', ['睫毛膏']), kind('mei_bi', ['眉笔']), kind('sai_hong', ['腮红']), kind('san_fen', ['散粉']),
  kind('xie_zhuang_shui', ['卸妆水']), kind('xiang_shui', ['香水']), kind('xi_fa_shui', ['洗发水']), kind('hu_fa_su', ['护发素']), kind('fa_mo', ['发膜']),
  kind('mu_yu_lu', ['沐浴露']), kind('shen_ti_ru', ['身体乳']), kind('xi_shou_ye', ['洗手液']), kind('dian_dong_ya_shua', ['电动牙刷']), kind('ya_gao', ['牙膏']),
  kind('chong_ya_qi', ['冲牙器']), kind('ya_xian', ['牙线']), kind('ti_xu_dao', ['剃须刀', '刮胡刀']), kind('tuo_mao_yi', ['脱毛仪']),
  kind('chui_feng_ji', ['吹风机', '电吹风', '吹风筒']), kind('juan_fa_bang', ['卷发棒', '卷发器']), kind('zhi_fa_jia', ['直发夹', '夹板']), kind('mei_rong_yi', ['美容仪']),
  kind('jie_mian_yi', ['洁面仪']),
  // kitchen
  kind('kong_qi_zha_guo', ['空气炸锅', '炸锅', '空气锅']), kind('dian_fan_bao', ['电饭煲', '电饭锅']), kind('gao_ya_guo', ['高压锅', '压力锅']), kind('chao_guo', ['炒锅']),
  kind('ping_di_guo', ['平底锅']), kind('bu_nian_guo', ['不粘锅']), kind('tang_guo', ['汤锅']), kind('nai_guo', ['奶锅']), kind('zheng_guo', ['蒸锅']),
  kind('guo_ju', ['锅具']), kind('sha_guo', ['砂锅']), kind('dian_shui_hu', ['电水壶', '热水壶', '烧水壶']), kind('shui_hu', ['水壶']),
  kind('yang_sheng_hu', ['养生壶']), kind('kao_xiang', ['烤箱']), kind('zheng_kao_xiang', ['蒸烤箱']), kind('po_bi_ji', ['破壁机']),
  kind('liao_li_ji', ['料理机']), kind('zha_zhi_ji', ['榨汁机', '榨汁杯']), kind('dou_jiang_ji', ['豆浆机']), kind('jiao_ban_ji', ['搅拌机']),
  kind('ka_fei_ji', ['咖啡机']), kind('xi_wan_ji', ['洗碗机']), kind('you_yan_ji', ['油烟机', '抽油烟机', '吸油烟机']), kind('ran_qi_zao', ['燃气灶', '灶具']),
  kind('dian_ci_lu', ['电磁炉']), kind('dian_tao_lu', ['电陶炉']), kind('bing_xiang', ['冰箱']), kind('bing_gui', ['冰柜']), kind('bei_zi', ['杯子', '水杯']),
  kind('bao_wen_bei', ['保温杯']), kind('ma_ke_bei', ['马克杯']), kind('cha_bei', ['茶杯']), kind('bo_li_bei', ['玻璃杯']), kind('ka_fei_bei', ['咖啡杯']),
  kind('wan_kuai', ['碗筷']), kind('pan_zi', ['盘子']),
  kind('bao_xian_he', ['保鲜盒']), kind('cai_dao', ['菜刀']), kind('dao_ju', ['刀具']), kind('zhen_ban', ['砧板', '菜板']),
  // home appliances
  kind('sao_di_ji_qi_ren', ['扫地机器人', '扫地机', '扫地机器', '扫拖机器人', '扫拖一体机']), kind('xi_chen_qi', ['吸尘器']), kind('xi_di_ji', ['洗地机']),
  kind('chu_man_yi', ['除螨仪']), kind('jing_shui_qi', ['净水器', '净水机']), kind('chun_shui_ji', ['纯水机']), kind('jing_yin_ji', ['净饮机']),
  kind('re_shui_qi', ['热水器']), kind('dian_re_shui_qi', ['电热水器']), kind('ran_qi_re_shui_qi', ['燃气热水器']), kind('hong_gan_ji', ['烘干机', '干衣机']),
  kind('xi_hong_yi_ti_ji', ['洗烘一体机']), kind('kong_tiao', ['空调']), kind('gui_ji', ['柜机']), kind('zhong_yang_kong_tiao', ['中央空调']),
  kind('kong_qi_jing_hua_qi', ['空气净化器', '净化器']), kind('jia_shi_qi', ['加湿器']), kind('chu_shi_ji', ['除湿机']), kind('xin_feng_ji', ['新风机']),
  kind('dian_feng_shan', ['电风扇', '风扇']), kind('luo_di_shan', ['落地扇']), kind('kong_tiao_shan', ['空调扇']), kind('qu_nuan_qi', ['取暖器', '电暖器']),
  kind('nuan_feng_ji', ['暖风机']), kind('you_ting', ['油汀']), kind('dian_re_tan', ['电热毯']), kind('dian_shi', ['电视', '电视机']),
  kind('tou_ying_yi', ['投影仪']), kind('tai_deng', ['台灯']), kind('xi_ding_deng', ['吸顶灯']), kind('deng_pao', ['灯泡']), kind('deng_guan', ['灯管']),
  kind('hu_yan_deng', ['护眼灯']), kind('deng_ju', ['灯具']), kind('an_mo_yi', ['按摩椅']), kind('an_mo_yi_b', ['按摩仪']),
  kind('jing_zhui_an_mo_yi', ['颈椎按摩仪']), kind('jin_mo_qiang', ['筋膜枪']),
  // electronics
  kind('dian_nao', ['电脑']), kind('bi_ji_ben_dian_nao', ['笔记本电脑', '笔记本']), kind('tai_shi_ji', ['台式机']), kind('ping_ban_dian_nao', ['平板电脑', 'ipad']),
  kind('er_ji', ['耳机']), kind('lan_ya_er_ji', ['蓝牙耳机']), kind('er_mai', ['耳麦']), kind('tou_dai_shi_er_ji', ['头戴式耳机']),
  kind('yin_xiang', ['音箱', '音响']), kind('lan_ya_yin_xiang', ['蓝牙音箱']), kind('xiang_ji', ['相机']),
  kind('jian_kong', ['监控']), kind('xing_che_ji_lu_yi', ['行车记录仪']), kind('yun_dong_xiang_ji', ['运动相机']), kind('chong_dian_bao', ['移动电源']),
  kind('jian_pan', ['键盘']), kind('shu_biao', ['鼠标']), kind('xian_shi_qi', ['显示器']), kind('you_xi_ji', ['游戏机']), kind('shou_bing', ['手柄']),
  kind('shou_ji_ke', ['手机壳', '保护壳']), kind('gang_hua_mo', ['钢化膜', '手机膜']), kind('zhi_neng_suo', ['智能锁']),
  kind('men_ling', ['门铃']),
  // home and furniture
  kind('jia_ju', ['家具']), kind('sha_fa', ['沙发']), kind('chuang_dian', ['床垫']), kind('yi_gui', ['衣柜']), kind('shu_zhuo', ['书桌']),
  kind('zhuo_zi', ['桌子']), kind('yi_zi', ['椅子']), kind('cha_ji', ['茶几']), kind('can_zhuo', ['餐桌']), kind('xie_gui', ['鞋柜']), kind('shu_jia', ['书架']),
  kind('chuang_tou_gui', ['床头柜']), kind('dian_nao_zhuo', ['电脑桌']), kind('ban_gong_yi', ['办公椅']), kind('chuang_jia', ['床架']),
  kind('shi_mu_chuang', ['实木床']), kind('er_tong_chuang', ['儿童床']), kind('shuang_ren_chuang', ['双人床']), kind('chuang_pin', ['床品']),
  kind('bei_zi_b', ['被子']), kind('si_jian_tao', ['四件套']), kind('chuang_dan', ['床单']), kind('bei_tao', ['被套']), kind('zhen_tou', ['枕头']),
  kind('zhen_xin', ['枕芯']), kind('can_si_bei', ['蚕丝被']), kind('yu_rong_bei', ['羽绒被']), kind('liang_xi', ['凉席']), kind('mao_tan', ['毛毯']),
  kind('chuang_lian', ['窗帘']), kind('di_tan', ['地毯']), kind('di_dian', ['地垫']), kind('shou_na_he', ['收纳盒']), kind('shou_na_xiang', ['收纳箱']),
  kind('zhi_wu_jia', ['置物架']), kind('yi_jia', ['衣架']), kind('tuo_ba', ['拖把']), kind('sao_ba', ['扫把']), kind('la_ji_tong', ['垃圾桶']),
  kind('la_ji_dai', ['垃圾袋']), kind('xi_yi_ye', ['洗衣液']), kind('xi_yi_fen', ['洗衣粉']), kind('xi_jie_jing', ['洗洁精']), kind('xiao_du_ye', ['消毒液']),
  kind('zhi_jin', ['纸巾']), kind('juan_zhi', ['卷纸']), kind('shi_jin', ['湿巾']),
  // mother, baby and toys
  kind('nai_fen', ['奶粉']), kind('zhi_niao_ku', ['纸尿裤', '尿不湿']), kind('nai_ping', ['奶瓶']), kind('ying_er_che', ['婴儿车', '推车']),
  kind('an_quan_zuo_yi', ['安全座椅']), kind('ying_er_chuang', ['婴儿床']), kind('fu_shi', ['辅食']), kind('wan_ju', ['玩具']), kind('ji_mu', ['积木']),
  kind('mao_rong_wan_ju', ['毛绒玩具', '公仔', '玩偶']), kind('pin_tu', ['拼图']), kind('yao_kong_che', ['遥控车']),
  // food and drink, a shop's goods and a restaurant's dishes
  kind('ling_shi', ['零食']), kind('bing_gan', ['饼干']), kind('shu_pian', ['薯片']), kind('jian_guo', ['坚果']), kind('qiao_ke_li', ['巧克力']),
  kind('tang_guo_b', ['糖果']), kind('guo_gan', ['果干']), kind('rou_gan', ['肉干']), kind('yin_liao', ['饮料']), kind('nai_cha', ['奶茶']),
  kind('ka_fei', ['咖啡']), kind('guo_zhi', ['果汁']), kind('ke_le', ['可乐']), kind('kuang_quan_shui', ['矿泉水']), kind('suan_nai', ['酸奶']),
  kind('niu_nai', ['牛奶']), kind('dou_jiang', ['豆浆']), kind('cha_ye', ['茶叶']), kind('lv_cha', ['绿茶']), kind('hong_cha', ['红茶']), kind('pu_er', ['普洱']),
  kind('hua_cha', ['花茶']), kind('bai_jiu', ['白酒']), kind('hong_jiu', ['红酒', '葡萄酒']), kind('pi_jiu', ['啤酒']), kind('yang_jiu', ['洋酒']),
  kind('shui_guo', ['水果']), kind('cheng_zi', ['橙子']), kind('pu_tao', ['葡萄']), kind('cao_mei', ['草莓']), kind('che_li_zi', ['车厘子', '樱桃']),
  kind('mang_guo', ['芒果']), kind('xi_gua', ['西瓜']), kind('xiang_jiao', ['香蕉']), kind('liu_lian', ['榴莲']), kind('mi_hou_tao', ['猕猴桃']),
  kind('li_zhi', ['荔枝']), kind('sheng_xian', ['生鲜']), kind('hai_xian', ['海鲜']), kind('niu_pai', ['牛排']), kind('niu_rou', ['牛肉']),
  kind('zhu_rou', ['猪肉']), kind('ji_rou', ['鸡肉']), kind('ji_dan', ['鸡蛋']), kind('shu_cai', ['蔬菜']), kind('da_zha_xie', ['大闸蟹']),
  kind('da_mi', ['大米']), kind('mian_fen', ['面粉']), kind('shi_yong_you', ['食用油']), kind('gua_mian', ['挂面']), kind('tiao_liao', ['调料']),
  kind('jiang_you', ['酱油']), kind('mi_fan', ['米饭']), kind('gai_fan', ['盖饭', '盖浇饭']), kind('chao_fan', ['炒饭']), kind('mian_tiao', ['面条']),
  kind('la_mian', ['拉面']), kind('mi_fen', ['米粉']), kind('jiao_zi', ['饺子']), kind('bao_zi', ['包子']), kind('han_bao', ['汉堡']), kind('pi_sa', ['披萨']),
  kind('zha_ji', ['炸鸡']), kind('shu_tiao', ['薯条']), kind('shou_si', ['寿司']), kind('ma_la_tang', ['麻辣烫']), kind('huo_guo', ['火锅']),
  kind('shao_kao', ['烧烤']), kind('he_fan', ['便当']), kind('sha_la', ['沙拉']), kind('tian_pin', ['甜品']), kind('dan_gao', ['蛋糕']),
  kind('mian_bao', ['面包']), kind('bao_jian_pin', ['保健品']), kind('wei_sheng_su', ['维生素']), kind('gai_pian', ['钙片']), kind('yu_you', ['鱼油']),
  kind('dan_bai_fen', ['蛋白粉']), kind('yi_sheng_jun', ['益生菌']),
  // pets, sports, books, stationery, cars, flowers
  kind('chong_wu_yong_pin', ['宠物用品']), kind('mao_zhua_ban', ['猫抓板']), kind('gou_sheng', ['狗绳']), kind('yu_jia_dian', ['瑜伽垫']),
  kind('zi_xing_che', ['自行车']), kind('dian_dong_che', ['电动车']), kind('hua_ban_che', ['滑板车']), kind('ping_heng_che', ['平衡车']),
  kind('zhang_peng', ['帐篷']), kind('deng_shan_zhang', ['登山杖']), kind('yong_jing', ['泳镜']), kind('tu_shu', ['图书', '书籍']), kind('hui_ben', ['绘本']),
  kind('jiao_cai', ['教材', '课本']), kind('lian_xi_ce', ['练习册']), kind('wen_ju', ['文具']), kind('gang_bi', ['钢笔']), kind('zhong_xing_bi', ['中性笔']),
  kind('qian_bi', ['铅笔']), kind('xiang_pi', ['橡皮']), kind('wen_jian_jia', ['文件夹']), kind('yu_gua', ['雨刮']), kind('jiao_dian', ['脚垫']),
  kind('zuo_dian', ['座垫']), kind('xian_hua', ['鲜花', '花束']), kind('lv_zhi', ['绿植', '盆栽']), kind('duo_rou', ['多肉']),
];

/** Goods in general: the broader class of every named kind. */
export const GOODS_ROOT = 'goods.goods';
const KIND_PREFIX = 'goods.';
export const isGoodsKind = (concept: string): boolean => concept.startsWith(KIND_PREFIX) && concept !== GOODS_ROOT;
/**
 * A feature of goods (a kind's concept, the topic, the family): when no entry has it, it says
 * what was bought, not that the message is about something else, so it adds no unknown weight.
 */
export const isGoodsFeature = (key: string): boolean => key.startsWith(`c:${KIND_PREFIX}`) || key === 't:goods' || key === `f:${GOODS_ROOT}`;

export const GOODS: readonly ConceptClass[] = [
  { id: GOODS_ROOT, terms: ['商品', '宝贝', '产品', '货品', '物品', '饭菜', '食品', '单品'] },
  ...GOODS_KINDS,
];
