/**
 * Food delivery (外卖): the rider, a late, cold, spilled or incomplete meal, tableware, containers
 * and their fee, the minimum order and ordering hours. Where a class is a kind of a general one
 * (a missing dish of quality.missing_parts, a late meal of delivery.delivery_time), BROADER says so,
 * so a customer's 漏送 meets an operator's 少件 and the reverse.
 */
import type { ConceptClass } from './index';

export const TAKEAWAY: readonly ConceptClass[] = [
  // A food rider is a kind of courier (delivery.courier, BROADER, which holds 骑手 and 外卖小哥).
  { id: 'takeaway.rider', terms: ['送餐员', '送餐小哥', '外卖骑手', '送外卖的', '外卖师傅', '送餐师傅', '外卖配送员', '美团骑手', '饿了么骑手', '跑腿小哥'] },
  { id: 'takeaway.late', terms: ['外卖还没到', '外卖还没送到', '饭还没到', '饭还没送到', '餐还没到', '餐还没送到', '骑手还没到', '骑手还没来', '等外卖', '外卖超时', '送餐太慢', '外卖好慢', '外卖送得慢', '饿死了', '吃上饭', '饭多久到', '饭多久能到', '餐多久到', '外卖多久到', '外卖多久能到', '多久能吃上', '饭点前', '赶上饭点', '赶不上饭点'] },
  { id: 'takeaway.missing_dish', terms: ['漏送', '漏餐', '少了个菜', '少了一个菜', '少了一份', '少一份', '菜没送', '菜少了', '漏了一个菜', '没给米饭', '菜漏了', '缺了一样', '缺一样', '少个菜', '少一个菜', '少了道菜', '少一道菜', '少了一道', '少一道', '少了一杯', '少一杯', '少了杯', '少了一瓶', '少一瓶', '米饭少了', '米饭没给', '米饭没送', '饭没给', '汤没给', '汤没送', '饮料没给', '饮料没送', '没给汤', '没给饮料', '没送米饭', '漏装', '漏拿', '漏掉', '漏了汤', '漏了饭', '漏了一', '漏了个', '给漏了', '忘放', '忘了放', '忘装', '忘了装', '没装进', '没放进', '餐不全', '菜不全', '饭菜不全', '只送了', '只送来', '小票上有', '小票上写', '单子上有', '明明点了', '点了没送', '点了没给'] },
  { id: 'takeaway.spilled', terms: ['撒出来了', '打翻了', '汤洒', '汤撒', '汤漏', '撒漏', '全洒', '全撒', '洒一袋', '撒一袋', '洒在袋', '撒在袋', '洒袋子', '撒袋子', '撒得到处', '漏得到处', '流得到处', '漏出来', '溢出', '弄洒', '弄撒', '弄翻', '泼了', '泼出', '洒汤', '撒汤', '盖子开了', '盖子掉了', '盖子没盖', '盖子松了', '没封好', '封口开了', '袋子破了', '一袋子汤'] },
  { id: 'takeaway.cold', terms: ['菜冷了', '饭冷了', '汤凉了', '送来凉', '送到凉', '不热乎', '凉的没法吃', '一点都不热', '都不热了', '凉了', '变凉', '冰凉', '凉透', '凉冰冰', '冷冰冰', '冰冷', '冷掉', '凉掉', '冷透', '没热乎', '没热气', '菜凉', '饭凉', '汤冷', '饭菜凉', '饭菜冷', '是凉的', '是冷的', '都凉', '全凉', '不冰了', '冰都化了'] },
  { id: 'takeaway.wrong_meal', terms: ['饭送错', '餐送错', '外卖送错', '菜送错', '送错餐', '送错饭', '菜做错', '点的不是这个', '拿错外卖', '送成别人的', '别人的外卖'] },
  // Something found in the food is a kind of foreign matter (quality.foreign_matter, BROADER); 饭里 must also stay away from the pinyin corrector's 返利.
  { id: 'takeaway.foreign_object', terms: ['饭里有', '菜里有', '汤里有', '饭里吃出', '菜里吃出', '饭菜里有', '根头发', '有根毛', '一根毛', '毛发', '石子', '沙粒', '砂子', '硌牙', '崩牙', '牙崩', '把牙崩', '硌到牙', '苍蝇', '蟑螂', '虫卵', '一只虫', '钢丝', '塑料片', '玻璃渣', '玻璃碴', '铁丝', '铁屑', '创可贴', '烟头', '吃到一', '吃到个', '吃到根', '吃到只', '吃出来', '翻出', '挑出', '夹出', '里面有根', '里面有只'] },
  // A meal's delivery fee is a kind of shipping fee (delivery.fee, BROADER).
  { id: 'takeaway.delivery_fee', terms: ['送餐费', '外卖配送费', '外卖运费', '外卖费'] },
  { id: 'takeaway.tableware', terms: ['餐具', '筷子', '勺子', '叉子', '不要餐具', '没给筷子', '没筷子', '没给餐具', '吸管', '餐巾纸'] },
  // Reheating the meal in its box is a kind of microwave question (product.microwave_safe, BROADER): 热一下 meets 能进微波炉.
  { id: 'takeaway.reheat', terms: ['能微波', '微波炉加热', '热一下', '热一热', '热热再吃', '加热一下', '能加热', '可以加热', '再加热', '转一下热', '叮一叮', '微波一下', '微波炉热', '微波炉转', '放进微波', '微波炉里'] },
  { id: 'takeaway.container', terms: ['外卖盒', '保温袋', '可降解', '环保餐盒', '装饭的盒子', '装菜的盒子', '饭的盒子', '菜的盒子', '一次性饭盒', '塑料饭盒', '锡纸盒', '打包袋', '外卖袋', '保温箱', '密封盒', '汤碗', '汤杯'] },
  { id: 'takeaway.container_fee', terms: ['饭盒费', '打包收费', '餐盒钱', '打包盒收费', '餐盒收费', '打包费多少', '餐盒另外收', '打包费', '盒子钱', '盒钱', '打包钱', '打包的钱', '餐盒的钱', '盒子费', '袋子钱', '袋子费', '塑料袋钱', '收盒子钱', '餐盒费用', '打包费用', '饭盒钱'] },
  { id: 'takeaway.min_order', terms: ['起送金额', '起送价格', '多少钱起送', '几块钱起送', '多少起送', '起送标准', '最低起送', '满多少起送', '不够起送', '凑起送', '没到起送', '差几块起送', '起送费'] },
  // A meal ordered now for a later hour is a kind of scheduled delivery (delivery.scheduled, BROADER).
  { id: 'takeaway.scheduled', terms: ['预约送达', '定时送达', '定时配送', '指定时间配送', '指定时间送达', '指定送达', '预约外卖', '预订外卖', '提前订好', '提前点好', '提前下单', '提前点餐', '提前订餐', '到点送', '到点再送', '到点了再送', '按点送', '明天中午送', '明天送餐', '明早送'] },
  // When the kitchen takes orders is a kind of opening hours (store.hours, BROADER).
  { id: 'takeaway.order_hours', terms: ['几点不接单', '最晚几点点', '最晚几点下单', '最晚几点能点', '外卖时间', '外卖几点', '几点开始送', '几点开始接单', '几点还能点', '还能点外卖', '还在接单', '夜宵时间', '还能点', '还能下单', '还能订餐', '这么晚还', '几点截单', '截单', '停止配送', '几点停止接单', '早上几点开始', '最早几点送', '几点送餐', '送到几点', '送餐时间'] },
];
