/**
 * Property management and utilities: the service fee, repairs of shared parts, gate access,
 * parking permits and neighbours' noise; water, power and gas bills, outages, meters, opening a
 * gas account, and gas leaks, a safety matter kept apart from everything else about gas.
 */
import type { ConceptClass } from './index';

export const PROPERTY: readonly ConceptClass[] = [
  // ───────────────────────── property management ─────────────────────────
  { id: 'property.fee', terms: ['物业费', '交物业费', '物业管理费', '公摊'] },
  // A repair of the building's shared parts is a kind of repair (aftersales.repair, BROADER).
  { id: 'property.repair', terms: ['物业报修', '公共维修', '公区维修', '楼道灯', '楼道灯坏了', '电梯坏了', '电梯故障', '电梯停了', '困电梯', '被困电梯', '门禁坏了', '路灯坏了', '找物业修', '物业维修', '家里报修', '物业来修', '叫物业修', '物业派人', '单元门坏了'] },
  { id: 'property.access', terms: ['门禁', '门禁卡丢了', '开门卡', '刷不开', '刷不开门', '门卡丢了', '进不了小区', '小区门进不去', '访客登记', '录人脸', '门禁密码', '门禁卡消磁', '进门的卡', '刷门的卡', '开门的卡', '进小区的卡', '刷门禁的卡', '开单元门的卡', '进大门的卡', '坐电梯的卡', '刷电梯的卡', '电梯卡'] },
  // A residents' parking permit is a kind of parking question (store.parking, BROADER).
  { id: 'property.parking_permit', terms: ['车位月卡', '停车月卡', '月租车位', '月卡停车', '临停', '临时停车', '车位租赁', '租车位', '买车位', '车位费', '车位管理费', '外来车辆', '访客车辆', '车牌登记', '登记车牌', '录车牌', '办停车卡', '停车卡'] },
  { id: 'property.neighbour_noise', terms: ['装修噪音', '装修太吵', '邻居吵', '楼上吵', '楼上装修', '邻居装修', '楼上太吵', '楼上噪音', '楼下装修', '隔壁装修', '装修吵', '装修时间规定', '几点能装修', '周末装修', '半夜装修', '邻居扰民', '楼上跺脚'] },

  // ───────────────────────── utilities ─────────────────────────
  // Each utility's bill is a facet of the bill: a gas company's 燃气费怎么交 does not say how to pay for power or heating.
  { id: 'utility.bill', terms: ['水电费', '交水电费', '生活缴费', '水电燃气'] },
  { id: 'utility.bill_water', terms: ['水费'] },
  { id: 'utility.bill_gas', terms: ['燃气费', '煤气费', '气费'] },
  { id: 'utility.bill_power', terms: ['交电费', '缴电费', '电费账单'] },
  { id: 'utility.bill_heating', terms: ['暖气费', '取暖费', '供暖费'] },
  { id: 'utility.outage', terms: ['停水', '停电', '突然停电', '停气', '断水', '没水了', '什么时候来水', '供水', '供电', '家里没水'] },
  { id: 'utility.meter', terms: ['水表', '电表', '燃气表', '抄表', '校表', '水表不转', '电表不准', '水表不准', '电表走', '水表走', '电表转', '燃气的表', '走字的表', '电费的表', '水费的表'] },
  { id: 'utility.gas', terms: ['燃气', '天然气', '煤气', '燃气开户', '通气点火', '点火通气', '预约点火', '上门点火', '燃气过户', '燃气安检', '天然气开户', '燃气卡'] },
  { id: 'utility.leak', terms: ['燃气泄漏', '煤气泄漏', '天然气泄漏', '漏煤气', '漏燃气', '漏天然气', '燃气漏了', '煤气漏了', '煤气味', '燃气味', '天然气味', '闻到煤气', '闻到燃气', '一股煤气味', '有煤气味', '燃气报警', '燃气报警器', '燃气好像漏', '煤气好像漏'] },
];
