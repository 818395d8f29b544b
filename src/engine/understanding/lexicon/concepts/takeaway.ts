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
  { id: 'takeaway.late', terms: ['外卖还没到', '外卖还没送到', '饭还没到', '饭还没送到', '餐还没到', '餐还没送到', '骑手还没到', '骑手还没来', '等外卖', '外卖超时', '送餐太慢', '外卖好慢', '外卖送得慢', '饿死了'] },
  { id: 'takeaway.missing_dish', terms: ['漏送', '漏餐', '少了个菜', '少了一个菜', '少了一份', '少一份', '菜没送', '菜少了', '漏了一个菜', '没给米饭', '菜漏了'] },
  { id: 'takeaway.spilled', terms: ['撒出来了', '打翻了', '汤洒', '汤撒', '汤漏'] },
  { id: 'takeaway.cold', terms: ['菜冷了', '饭冷了', '汤凉了', '送来凉', '送到凉', '不热乎', '凉的没法吃', '一点都不热', '都不热了'] },
  { id: 'takeaway.wrong_meal', terms: ['饭送错', '餐送错', '外卖送错', '菜送错', '送错餐', '送错饭', '菜做错', '点的不是这个', '拿错外卖', '送成别人的', '别人的外卖'] },
  // Something found in the food is a kind of foreign matter (quality.foreign_matter, BROADER); 饭里 must also stay away from the pinyin corrector's 返利.
  { id: 'takeaway.foreign_object', terms: ['饭里有', '菜里有', '汤里有', '饭里吃出', '菜里吃出', '饭菜里有'] },
  // A meal's delivery fee is a kind of shipping fee (delivery.fee, BROADER).
  { id: 'takeaway.delivery_fee', terms: ['送餐费', '外卖配送费', '外卖运费', '外卖费'] },
  { id: 'takeaway.tableware', terms: ['餐具', '筷子', '勺子', '叉子', '不要餐具', '没给筷子', '没筷子', '没给餐具', '吸管', '餐巾纸'] },
  { id: 'takeaway.container', terms: ['外卖盒', '保温袋', '能微波', '微波炉加热', '可降解', '环保餐盒'] },
  { id: 'takeaway.container_fee', terms: ['饭盒费', '打包收费', '餐盒钱', '打包盒收费', '餐盒收费', '打包费多少', '餐盒另外收'] },
  { id: 'takeaway.min_order', terms: ['起送金额', '起送价格', '多少钱起送', '几块钱起送', '多少起送', '起送标准', '最低起送', '满多少起送', '不够起送', '凑起送', '没到起送', '差几块起送', '起送费'] },
  // When the kitchen takes orders is a kind of opening hours (store.hours, BROADER).
  { id: 'takeaway.order_hours', terms: ['几点不接单', '最晚几点点', '最晚几点下单', '最晚几点能点', '外卖时间', '外卖几点', '几点开始送', '几点开始接单', '几点还能点', '还能点外卖', '还在接单', '夜宵时间'] },
];
