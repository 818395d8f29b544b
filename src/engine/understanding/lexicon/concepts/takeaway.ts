/**
 * Food delivery (外卖): the rider, a late, cold, spilled or incomplete meal, tableware, containers
 * and their fee, reheating, ordering ahead, the minimum order and ordering hours. Where a class is
 * a kind of a general one (a missing dish of quality.missing_parts, a late meal of
 * delivery.delivery_time), BROADER says so, so a customer's 漏送 meets an operator's 少件 and the reverse.
 */
import type { ConceptClass } from './index';

export const TAKEAWAY: readonly ConceptClass[] = [
  // A food rider is a kind of courier (delivery.courier, BROADER, which holds 骑手 and 外卖小哥).
  { id: 'takeaway.rider', terms: ['送餐员', '送餐小哥', '外卖骑手', '送外卖的', '外卖师傅', '送餐师傅', '外卖配送员', '美团骑手', '饿了么骑手', '跑腿小哥'] },
  { id: 'takeaway.late', terms: ['外卖还没到', '外卖还没送到', '饭还没到', '饭还没送到', '餐还没到', '餐还没送到', '骑手还没到', '骑手还没来', '等外卖', '外卖超时', '送餐太慢', '外卖好慢', '外卖送得慢', '饿死了'] },
  { id: 'takeaway.missing_dish', terms: ['漏送', '漏餐', '少了个菜', '菜没送', '菜少了', '没给米饭', '菜漏了', '缺了一样', '缺一样', '少个菜', '少了一道', '少一道', '少一杯', '米饭少了', '饭没给', '汤没给', '饮料没给', '漏装', '漏拿', '漏掉', '漏了一', '漏了个', '忘放', '忘装', '没放进', '餐不全', '菜不全', '只送了', '只送来', '小票上有', '明明点了', '点了没送', '就来了一', '另一个呢', '汤没有', '米饭没有', '只有一份', '袋子里少', '小票上明明', '没看到我点的', '找不到我点的', '袋子里没', '袋里没有', '少装了', '忘了放', '忘记放', '忘给', '少配'] },
  { id: 'takeaway.spilled', terms: ['撒出来了', '打翻了', '汤洒', '汤撒', '汤漏', '撒漏', '全洒', '全撒', '撒得到处', '漏出来', '弄洒', '弄撒', '泼了', '盖子开了', '没封好', '袋子破了', '满袋子', '撒袋子里', '洒袋子里', '汤全撒', '汤全洒', '汤都洒', '汤都撒', '洒了一袋', '撒了一袋', '洒了一地', '撒了一地', '盖子没盖', '没盖好', '盖子松', '封口开', '洒得满', '漏得到处'] },
  { id: 'takeaway.cold', terms: ['菜冷了', '饭冷了', '汤凉了', '送来凉', '送到凉', '不热乎', '凉的没法吃', '一点都不热', '都不热了', '变凉', '冰凉', '凉透', '冰冷', '冷掉', '凉掉', '没热气', '菜凉', '饭凉', '汤冷', '饭菜凉', '是凉的', '是冷的', '都凉', '不冰了', '送来都凉', '送来就凉', '送到都凉', '送到就凉', '送来都冰凉', '送来是凉', '没温度', '没有温度', '一点温度', '全是凉的', '到手都凉', '到手就凉'] },
  { id: 'takeaway.wrong_meal', terms: ['饭送错', '餐送错', '外卖送错', '菜送错', '送错餐', '送错饭', '菜做错', '点的不是这个', '拿错外卖', '送成别人的', '别人的外卖', '没按备注', '备注没看', '不按备注', '口味做错'] },
  // Something found in the food is a kind of foreign matter (quality.foreign_matter, BROADER); 饭里 must also stay away from the pinyin corrector's 返利.
  { id: 'takeaway.foreign_object', terms: ['饭里吃出', '菜里吃出', '根头发', '一根毛', '石子', '沙粒', '硌牙', '一只虫', '玻璃渣', '吃出来', '饭里吃到', '菜里吃到', '汤里吃到', '一只虫子', '不明物'] },
  // A meal's delivery fee is a kind of shipping fee (delivery.fee, BROADER).
  { id: 'takeaway.delivery_fee', terms: ['送餐费', '外卖配送费', '外卖运费', '外卖费'] },
  { id: 'takeaway.tableware', terms: ['餐具', '筷子', '勺子', '叉子', '不要餐具', '没给筷子', '没给餐具', '吸管', '餐巾纸', '吃饭的勺子', '喝汤的勺子', '吃饭的筷子'] },
  // Reheating the meal in its box is a kind of microwave question (product.microwave_safe, BROADER): 热一下 meets 能进微波炉.
  { id: 'takeaway.reheat', terms: ['能微波', '微波炉加热', '热一下', '热一热', '再加热', '转一下热', '微波一下', '微波炉里'] },
  { id: 'takeaway.container', terms: ['外卖盒', '保温袋', '可降解', '环保餐盒', '装饭的盒子', '打包袋', '外卖袋', '装菜的盒子', '装汤的盒子', '装汤的碗', '装饭的盒'] },
  { id: 'takeaway.container_fee', terms: ['饭盒费', '打包收费', '餐盒钱', '打包盒收费', '餐盒收费', '餐盒另外收', '盒子钱', '打包钱', '袋子钱', '饭盒钱', '盒子还要', '盒子要钱', '袋子要钱', '盒子收', '餐盒单独', '打包加钱', '打包要加'] },
  { id: 'takeaway.min_order', terms: ['起送金额', '起送价格', '多少钱起送', '几块钱起送', '多少起送', '起送标准', '最低起送', '满多少起送', '不够起送', '凑起送', '没到起送', '差几块起送', '起送费'] },
  // A meal ordered now for a later hour is a kind of scheduled delivery (delivery.scheduled, BROADER).
  { id: 'takeaway.scheduled', terms: ['定时送达', '定时配送', '指定时间配送', '指定送达', '预约外卖', '提前订好', '提前下单', '提前订餐', '到点送', '点再送', '点前送到', '预约送达', '预约送餐'] },
  // When the kitchen takes orders is a kind of opening hours (store.hours, BROADER).
  { id: 'takeaway.order_hours', terms: ['几点不接单', '最晚几点点', '最晚几点下单', '最晚几点能点', '外卖时间', '外卖几点', '几点开始送', '几点开始接单', '几点还能点', '还能点外卖', '还在接单', '夜宵时间', '还能点', '送到几点', '送餐时间', '早上几点开始送', '最早几点送', '几点开始配送', '还送外卖', '几点不送', '就不送了', '截单'] },
];
