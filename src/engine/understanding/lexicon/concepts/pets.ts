/**
 * Pet hospitals, groomers and boarding: what a pet owner asks. Each procedure gets a class
 * (a bath is not a stay, a neutering is not a deworming), so one question does not meet another's entry.
 */
import type { ConceptClass } from './index';

export const PETS: readonly ConceptClass[] = [
  // The animal itself (or brought along), said alone, is the occasion of whatever its owner asks a pet business (TOPIC_HEADS);
  // to a shop or a restaurant it is a pet brought along (a kind of store.pets).
  { id: 'pet.animal', terms: ['宠物', '狗狗', '猫咪', '小狗', '小猫', '狗子', '猫猫', '毛孩子', '萌宠', '宠物狗', '宠物猫', '犬猫', '幼犬', '幼猫', '泰迪', '泰迪犬', '柯基', '金毛', '柴犬', '比熊', '博美', '哈士奇', '拉布拉多', '布偶猫', '英短', '美短', '橘猫', '犬只', '带宠物', '带狗', '带猫', '带狗狗', '带只狗', '带只猫', '可以带狗', '有只猫', '有只狗', '养猫', '养狗'] },
  { id: 'pet.grooming', terms: ['宠物美容', '宠物洗澡', '洗猫', '洗狗', '剃毛', '修毛', '剪毛', '洗澡美容', '美容洗澡', '药浴', '挤肛门腺', '清耳朵', '剪指甲', '造型修剪'] },
  { id: 'pet.boarding', terms: ['寄养', '宠物寄养', '宠物托管', '遛狗', '寄宿', '代养', '寄养费', '宠物酒店'] },
  { id: 'pet.deworming', terms: ['驱虫', '体内驱虫', '体外驱虫', '打虫', '驱虫药', '打虫药', '打虫的药', '驱虫的药', '杀跳蚤的药', '除跳蚤的药', '跳蚤药', '除虱子的药', '除跳蚤', '驱虫滴剂'] },
  { id: 'pet.neuter', terms: ['绝育', '结扎', '去势', '阉割', '做绝育', '绝育手术', '割蛋'] },
  // What is wrong with the animal: beside an appointment's question it is the visit's occasion (service-kinds.ts).
  { id: 'pet.ailment', terms: ['皮肤病', '看皮肤', '腹泻', '一直吐', '不吃东西', '没精神', '打喷嚏', '耳螨', '猫癣', '肠胃炎', '便血', '尿血', '抽搐', '瘸了'] },
  { id: 'pet.health', terms: ['宠物医院', '猫瘟', '犬瘟'] },
  { id: 'pet.food', terms: ['猫粮', '狗粮', '宠物粮', '猫砂', '冻干', '猫条', '处方粮', '主粮', '猫罐头', '狗罐头'] },
  // Another business (a pet shop), and the same goods asked for another animal: no entry of this one answers them.
  { id: 'pet.shop', terms: ['宠物店', '宠物商店', '宠物用品店'] },
  { id: 'pet.other_species', terms: ['给狗用', '给猫用', '给狗吃', '给猫吃'] },
  // Rabbits, hamsters and birds are seen only where the business says so: no dog-or-cat entry answers them.
  { id: 'pet.exotic', terms: ['异宠', '兔子', '仓鼠', '龙猫', '鹦鹉', '乌龟', '爬宠', '蜥蜴', '荷兰猪', '豚鼠', '刺猬'] },
  // The papers a vaccinated dog gets, for its licence and for travel.
  { id: 'pet.certificate', terms: ['免疫证', '免疫证明', '狂犬免疫证', '疫苗本', '犬证', '狗证', '办狗证', '养犬登记', '疫苗证明'] },
  // A person bitten or scratched needs a doctor, not the animal's.
  { id: 'pet.bite', terms: ['被狗咬', '被猫咬', '被猫抓', '被狗抓', '狗咬了', '猫抓了', '被咬了'] },
  // A cat's or a dog's shots are kinds of vaccination (clinic.vaccine holds 疫苗): a vaccine entry answers them.
  { id: 'pet.cat_vaccine', terms: ['猫三联', '妙三多', '猫咪疫苗', '猫疫苗'] },
  { id: 'pet.dog_vaccine', terms: ['犬八联', '犬四联', '狗狗疫苗', '狗疫苗'] },
  { id: 'pet.adoption', terms: ['领养', '宠物领养', '猫舍', '犬舍'] },
];
