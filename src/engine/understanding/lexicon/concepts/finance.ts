/**
 * Insurance, consumer credit and ending a contract early. Insurance: buying a policy, what it covers, premiums, surrender, claims and
 * payouts; borrowing, repaying, repaying early, overdue, the credit limit and interest. A claim is
 * a kind of compensation and so is its payout (returns.compensation holds 理赔 and 赔付, BROADER), so
 * 我要理赔 meets 申请理赔. Forms such as 赔不赔 stay with compensation: a parcel is not a policy.
 */
import type { ConceptClass } from './index';

export const FINANCE: readonly ConceptClass[] = [
  // ───────────────────────── insurance ─────────────────────────
  { id: 'insurance.enroll', terms: ['投保', '买保险', '参保', '投保年龄', '核保', '健康告知', '买这个保险', '保险怎么买', '给孩子买保险', '给父母买保险', '给爸妈买保险', '被保险人', '受益人'] },
  { id: 'insurance.coverage', terms: ['保障范围', '保什么', '保哪些', '免责', '免责条款', '等待期', '保额', '保障内容', '哪些不赔', '理赔范围', '保障期限', '既往症', '什么情况不赔', '什么情况下不赔', '哪些情况不赔', '不在保障', '管不管赔'] },
  { id: 'insurance.policy', terms: ['保单', '保单号', '保险单', '保险合同', '纸质保单', '保单丢了', '保险的单子', '投保的单子', '买保险的单子', '保险的合同', '保险的纸'] },
  { id: 'insurance.premium', terms: ['保费', '续期保费', '续保', '保险费', '宽限期', '交保险', '交保险费', '断缴', '保单失效', '保单复效', '复效'] },
  { id: 'insurance.surrender', terms: ['退保', '犹豫期', '退保费用', '退保损失', '现金价值', '不想保了', '不保了', '退保能退', '退掉保险', '保险退了', '取消保险', '保险能退', '保险不想要了'] },
  { id: 'insurance.claim', terms: ['申请理赔', '理赔流程', '理赔材料', '理赔申请', '保险理赔', '报案', '出险', '定损', '想理赔', '要理赔', '住院报销', '看病报销'] },
  { id: 'insurance.payout', terms: ['理赔进度', '理赔款', '理赔到账', '赔款', '理赔审核', '理赔结果', '理赔时效', '赔款到账', '理赔多久', '理赔要多久', '理赔还没到', '理赔被拒', '拒赔', '赔付到账', '理赔金'] },

  // ───────────────────────── consumer credit ─────────────────────────
  { id: 'loan.borrow', terms: ['借款', '贷款', '借钱', '放款', '下款', '借一笔', '借点钱', '能借多少', '借款到账'] },
  { id: 'loan.repay', terms: ['还款', '还款日', '自动还款', '主动还款', '还款失败', '这期怎么还', '每月还多少', '还贷', '还款账户', '扣款日', '每期还', '还几期'] },
  { id: 'loan.early_repay', terms: ['提前还款', '提前还清', '一次性还清', '提前结清', '全部还清', '结清贷款', '一次还清', '还清贷款', '都还清', '提前还了', '提前还完', '一次性还完', '提前还贷'] },
  { id: 'loan.overdue', terms: ['逾期', '罚息', '滞纳金', '催收', '上征信', '征信', '晚还了', '晚还几天', '晚还两天', '忘了还款', '没按时还', '逾期还款', '影响征信', '征信报告', '迟还', '忘记还款', '没还上', '催款电话'] },
  { id: 'loan.limit', terms: ['提额', '额度不够', '降额', '额度提升', '提高额度', '临时额度', '额度太低', '额度被降', '涨额度', '提升额度', '额度降低', '额度变少', '额度没了', '可用额度', '提个额', '加额度', '额度怎么提', '额度低', '调额'] },
  { id: 'loan.interest', terms: ['利息', '利率', '年化', '日息', '月息', '息费', '计息', '利息太高', '砍头息'] },

  // ───────────────────────── contracts ─────────────────────────
  // Ending any contract early (a carrier's, a gym's, a lease, a loan): what is ended is told by the other words.
  { id: 'contract.termination', terms: ['违约金', '解约', '解除合同', '解除合约', '毁约', '终止合同', '退合约', '合约期内', '违约', '提前终止', '合约没到期', '合约未到期', '合约期', '合约还有', '合约机', '要罚款', '罚款多少', '多少罚款', '提前解约', '退网', '签了两年', '签了24个月', '承诺在网', '保底消费', '月最低消费', '合约还没到期', '合同还没到期', '提前退网', '不想续约'] },
];
