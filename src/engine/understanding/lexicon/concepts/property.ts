/**
 * Property management and utilities: the service fee, repairs of shared parts, gate access,
 * parking permits and neighbours' noise; water, power and gas bills, outages, meters, opening a
 * gas account, and gas leaks, a safety matter kept apart from everything else about gas.
 */
import type { ConceptClass } from './index';

export const PROPERTY: readonly ConceptClass[] = [
  // ───────────────────────── property management ─────────────────────────
  { id: 'property.fee', terms: ['物业费', '交物业费', '物业管理费', '公摊', '管理费', '交管理费'] },
  // Where residents reach the management office (its hours, phone, desk).
  { id: 'property.office', terms: ['物业服务中心', '物业中心', '管理处', '物业管理处', '物业办公室', '物业办', '物业前台', '物业处', '物业电话', '物业热线', '物业值班'] },
  // A repair of the building's shared parts is a kind of repair (aftersales.repair, BROADER).
  { id: 'property.repair', terms: ['物业报修', '公共维修', '公区维修', '楼道灯', '楼道灯坏了', '电梯坏了', '电梯故障', '电梯停了', '困电梯', '被困电梯', '门禁坏了', '路灯坏了', '找物业修', '物业维修', '家里报修', '物业来修', '叫物业修', '物业派人', '单元门坏了'] },
  { id: 'property.access', terms: ['门禁', '门禁卡丢了', '开门卡', '刷不开', '刷不开门', '门卡丢了', '进不了小区', '小区门进不去', '录人脸', '门禁密码', '门禁卡消磁', '进门的卡', '刷门的卡', '开门的卡', '进小区的卡', '刷门禁的卡', '开单元门的卡', '进大门的卡', '坐电梯的卡', '刷电梯的卡', '电梯卡'] },
  // Guests at the gate: the guard, registering, a pass a resident sends.
  { id: 'property.visitor', terms: ['访客', '来访', '访客登记', '访客邀请', '通行码', '门岗', '保安', '门卫', '亲戚来', '朋友来', '客人来', '亲戚过来', '朋友过来', '不让进'] },
  // The barrier at the car gate that reads plates, apart from renting a space.
  { id: 'property.barrier', terms: ['道闸', '抬杆', '杆子不抬', '不起杆', '车牌识别', '识别车牌', '识别不了车牌', '不认车', '岗亭', '车库的杆子', '门口的杆子'] },
  // Sorting rubbish is a question apart from when and where it is taken away.
  { id: 'property.sorting', terms: ['垃圾分类', '厨余', '厨余垃圾', '湿垃圾', '干垃圾', '可回收物', '有害垃圾', '其他垃圾'] },
  { id: 'property.waste', terms: ['生活垃圾', '扔垃圾', '倒垃圾', '丢垃圾', '大件垃圾', '装修垃圾', '建筑垃圾', '清运', '收垃圾', '垃圾房', '旧家具', '旧沙发', '旧床垫', '旧家电', '扔东西'] },
  // A pass to carry goods out of the estate, asked for when moving out.
  { id: 'property.move_pass', terms: ['放行条', '放行单', '出门条', '出门单', '开放行', '搬出小区'] },
  { id: 'property.tenancy', terms: ['租客', '租户', '出租', '租出去', '房子租', '租房备案', '租户登记'] },
  { id: 'property.greenery', terms: ['绿化', '园林', '剪树', '修树', '树枝', '打药', '草坪', '草地', '树挡', '挡光', '挡住光', '挡采光'] },
  // A residents' parking permit is a kind of parking question (store.parking, BROADER).
  { id: 'property.parking_permit', terms: ['车位月卡', '停车月卡', '月租车位', '月卡停车', '临停', '临时停车', '车位租赁', '租车位', '车位月租', '买车位', '车位费', '车位管理费', '外来车辆', '访客车辆', '车牌登记', '登记车牌', '录车牌', '办停车卡', '停车卡'] },
  { id: 'property.neighbour_noise', terms: ['装修噪音', '装修太吵', '邻居吵', '楼上吵', '楼上装修', '邻居装修', '楼上太吵', '楼上噪音', '楼下装修', '隔壁装修', '装修吵', '装修时间规定', '几点能装修', '周末装修', '半夜装修', '邻居扰民', '楼上跺脚'] },

  // ───────────────────────── utilities ─────────────────────────
  // Each bill is a facet of the bills (a 水电费 entry answers any): the gas bill's entry does not answer the power bill.
  { id: 'utility.bill', terms: ['水电费', '交水电费', '生活缴费', '水电燃气'] },
  { id: 'utility.bill_water', terms: ['水费'] },
  { id: 'utility.bill_power', terms: ['电费', '交电费', '缴电费', '电费账单', '电费单'] },
  { id: 'utility.bill_gas', terms: ['燃气费', '煤气费', '气费', '天然气费'] },
  { id: 'utility.bill_heating', terms: ['暖气费', '供暖费', '采暖费', '取暖费'] },
  { id: 'utility.outage', terms: ['停水', '停电', '突然停电', '停气', '断水', '没水了', '什么时候来水', '供水', '供电', '家里没水'] },
  // Likewise each meter is a facet of the meters: a gas meter's entry does not answer a stuck power meter.
  { id: 'utility.meter', terms: ['抄表', '校表', '走字的表', '表不走', '表不转'] },
  { id: 'utility.meter_water', terms: ['水表', '水表不转', '水表不准', '水表走', '水费的表'] },
  { id: 'utility.meter_power', terms: ['电表', '电表不准', '电表走', '电表转', '电费的表'] },
  { id: 'utility.meter_gas', terms: ['燃气表', '燃气的表', '煤气表', '天然气表'] },
  { id: 'utility.gas', terms: ['燃气', '天然气', '煤气', '燃气开户', '通气点火', '点火通气', '预约点火', '上门点火', '燃气过户', '燃气安检', '天然气开户', '燃气卡'] },
  { id: 'utility.leak', terms: ['燃气泄漏', '煤气泄漏', '天然气泄漏', '漏煤气', '漏燃气', '漏天然气', '燃气漏了', '煤气漏了', '煤气味', '燃气味', '天然气味', '闻到煤气', '闻到燃气', '一股煤气味', '有煤气味', '燃气报警', '燃气报警器', '燃气好像漏', '煤气好像漏'] },
];
