/**
 * Goods: the things customers buy, named. Every named kind is a kind of `goods.goods` (商品,
 * 宝贝, 产品): an entry about goods in general (收到商品破损怎么办) explains the customer's cup,
 * and an entry that names no goods at all (退款多久到账) leaves it as what was bought, not as
 * what is asked (../../retrieve.ts). An entry that names another kind (吹风机) does not explain
 * it: 卷发棒 is not a hair dryer.
 * Kinds are what a shop sells as one product; words of a customer and of a catalogue alike.
 */
import { GOODS_ROOT, goodsKinds } from '../goods-kinds';
import type { ConceptClass } from './index';

/**
 * The named kinds, by the departments of a general store: one class per thing (薯条 is not 蛋糕),
 * its synonyms together ("|" between kinds, a space between a kind's names); a kind's id is its
 * first name's pinyin (goods.yi_fu), so the ids cost no bytes of their own in the bundle.
 */
const DEPARTMENTS: readonly string[] = [
  // clothing and shoes
  '衣服 衣裳 衣物 服装|上衣|t恤 体恤|短袖 半袖|衬衫 衬衣|毛衣 针织衫|卫衣|开衫|外套|大衣|风衣|夹克|羽绒服|棉服 棉衣|冲锋衣|西装|裤子 长裤|短裤|休闲裤|运动裤|阔腿裤|西裤' +
    '|牛仔裤|裙子|连衣裙|半身裙|短裙|长裙|鞋子|运动鞋 跑鞋|皮鞋|高跟鞋|板鞋|帆布鞋|靴子|凉鞋|雪地靴|童鞋|帽子|棒球帽|围巾|丝巾|手套|包包|背包 双肩包|书包|手提包|斜挎包 挎包' +
    '|拉杆箱 旅行箱|钱夹|皮带 腰带',
  // jewellery and accessories
  '项链|手链|手镯|戒指|耳环|耳钉|吊坠|首饰 饰品|手表 腕表|智能手表|手环|眼镜|墨镜 太阳镜|镜框|镜片|隐形眼镜|雨伞|遮阳伞',
  // beauty and personal care
  '护肤品|面霜|乳液|精华液|爽肤水 化妆水|眼霜|面膜|洗面奶|防晒霜|化妆品|口红|粉底 粉底液|眼影|睫毛膏|眉笔|腮红|散粉|卸妆水|香水|洗发水|护发素|发膜|沐浴露|身体乳|洗手液|电动牙刷' +
    '|牙膏|冲牙器|牙线|剃须刀 刮胡刀 刮胡子的|脱毛仪|吹风机 电吹风 吹风筒 吹头发的机器 吹头发的东西 风筒 电风筒|卷发棒 卷发器|直发夹 夹板|美容仪|洁面仪',
  // kitchen
  '空气炸锅 炸锅 空气锅 不用油的锅|电饭煲 电饭锅 煮饭的锅|高压锅 压力锅|炒锅|平底锅|不粘锅|汤锅|奶锅|蒸锅|锅具|砂锅|电水壶 热水壶 烧水壶 烧水的壶|水壶|养生壶|烤箱|蒸烤箱|破壁机|料理机|榨汁机 榨汁杯|豆浆机' +
    '|搅拌机|咖啡机|洗碗机 洗碗的机器|油烟机 抽油烟机 吸油烟机|燃气灶 灶具|电磁炉|电陶炉|冰箱|冰柜|杯子 水杯|保温杯|马克杯|茶杯|玻璃杯|咖啡杯|碗筷|盘子|保鲜盒|菜刀|刀具|砧板 菜板',
  // home appliances
  '扫地机器人 扫地机 扫地机器 扫拖机器人 扫拖一体机|吸尘器 吸地的机器 吸灰的机器 吸尘的机器|洗地机|除螨仪|净水器 净水机 净水的机器 过滤水的机器|纯水机|净饮机|热水器|电热水器|燃气热水器|烘干机 干衣机|洗烘一体机|空调|柜机|中央空调' +
    '|空气净化器 净化器|加湿器|除湿机|新风机|电风扇 风扇|落地扇|空调扇|取暖器 电暖器|暖风机|油汀|电热毯|电视 电视机|投影仪|台灯|吸顶灯|灯泡|灯管|护眼灯|灯具|按摩椅|按摩仪|颈椎按摩仪' +
    '|筋膜枪',
  // electronics
  '电脑|笔记本电脑 笔记本|台式机|平板电脑 平板 ipad|耳机|蓝牙耳机|耳麦|头戴式耳机|音箱 音响|蓝牙音箱|相机|监控|行车记录仪|运动相机|移动电源|键盘|鼠标|显示器|游戏机|手柄' +
    '|手机壳 保护壳|钢化膜 手机膜|智能锁|门铃',
  // home and furniture
  '家具|沙发|床垫|衣柜|书桌|桌子|椅子|茶几|餐桌|鞋柜|书架|床头柜|电脑桌|办公椅|床架|实木床|儿童床|双人床|床品|被子|四件套|床单|被套|枕头|枕芯|蚕丝被|羽绒被|凉席|毛毯|窗帘' +
    '|地毯|地垫|收纳盒|收纳箱|置物架|衣架|拖把|扫把|垃圾桶|垃圾袋|洗衣液|洗衣粉|洗洁精|消毒液|纸巾|卷纸|湿巾',
  // mother, baby and toys
  '奶粉|纸尿裤 尿不湿|奶瓶|婴儿车 推车|安全座椅|婴儿床|辅食|玩具|积木|毛绒玩具 公仔 玩偶|拼图|遥控车',
  // food and drink, a shop's goods and a restaurant's dishes
  '零食|饼干|薯片|坚果|巧克力|糖果|果干|肉干|饮料|奶茶|咖啡|果汁|可乐|矿泉水|酸奶|牛奶|豆浆|茶叶|绿茶|红茶|普洱|花茶|白酒|红酒 葡萄酒|啤酒|洋酒|水果|橙子|葡萄|草莓' +
    '|车厘子 樱桃|芒果|西瓜|香蕉|榴莲|猕猴桃|荔枝|生鲜|海鲜|牛排|牛肉|猪肉|鸡肉|鸡蛋|蔬菜|大闸蟹|大米|面粉|食用油|挂面|调料|酱油|米饭|盖饭 盖浇饭|炒饭|面条|拉面|米粉|饺子|包子' +
    '|汉堡|披萨|炸鸡|薯条|寿司|麻辣烫|火锅|烧烤|便当|沙拉|甜品|蛋糕|面包|保健品|维生素|钙片|鱼油|蛋白粉|益生菌',
  // pets, sports, books, stationery, cars, flowers
  '宠物用品|猫抓板|狗绳|瑜伽垫|自行车|电动车|滑板车|平衡车|帐篷|登山杖|泳镜|图书 书籍|绘本|教材 课本|练习册|文具|钢笔|中性笔|铅笔|橡皮|文件夹|雨刮|脚垫|座垫|鲜花 花束' +
    '|绿植 盆栽|多肉',
  // more of a general store, by department: clothes and shoes, beauty, kitchen, home, baby, electronics, sports and tools
  '睡裙|家居服|打底衫|polo衫|旗袍|校服|秋衣 秋裤|运动服|凉拖|洞洞鞋|老爹鞋|小白鞋|马丁靴|雨靴 雨鞋|鞋垫' +
    '|眼线笔|隔离霜|唇釉|唇膏 润唇膏|护手霜|漱口水|香皂 肥皂|卫生巾|化妆刷|假发|梳子|香薰|蜡烛' +
    '|茶具|茶壶|酒杯|碗碟 瓷碗|保鲜膜|水果刀|电饼铛|煎锅|面包机|酸奶机|保温壶 暖水瓶 暖壶|便当盒 保温饭盒' +
    '|镜子 穿衣镜 化妆镜|花瓶|挂画 装饰画|闹钟|花盆|晾衣架|抱枕 靠垫|凳子|蚊帐|插线板 插排 排插 拖线板|热水袋 暖手宝|暖宝宝' +
    '|小太阳 电暖气|奶嘴|吸奶器|学步车|乐高|手办|盲盒|学习机|无人机|打印机|u盘|手机支架|自拍杆|电子秤 体重秤|血压计|体温计' +
    '|胶带|剪刀|口罩|工具箱|梯子 人字梯|手电筒|跳绳|篮球|足球|羽毛球拍|头盔',
];

export const GOODS_KINDS: readonly ConceptClass[] = goodsKinds(DEPARTMENTS.flatMap((d) => d.split('|')).map((kind) => kind.split(' ')));

export { GOODS_ROOT };
export const GOODS: readonly ConceptClass[] = [
  { id: GOODS_ROOT, terms: ['商品', '宝贝', '产品', '货品', '物品', '饭菜', '食品', '单品'] },
  ...GOODS_KINDS,
];
