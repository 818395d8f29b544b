/**
 * Insurance, consumer credit and ending a contract early. Insurance: buying a policy, what it covers, premiums, surrender, claims and
 * payouts; borrowing, repaying, repaying early, overdue, the credit limit and interest. A claim is
 * a kind of compensation and so is its payout (returns.compensation holds 理赔 and 赔付, BROADER), so
 * 我要理赔 meets 申请理赔. Forms such as 赔不赔 stay with compensation: a parcel is not a policy.
 */
import type { ConceptClass } from './index';

export const FINANCE: readonly ConceptClass[] = [
  // ───────────────────────── insurance ─────────────────────────
  { id: 'insurance.enroll', terms: ['投保', '买保险', '参保', '投保年龄', '买这个保险', '保险怎么买', '给孩子买保险', '给父母买保险', '给爸妈买保险', '被保险人', '投保人', '在线投保', '买份保险', '买一份保险', '买个保险', '上保险'] },
  // Declaring one's health before cover: what a condition found at a check-up means for buying (结节, 有病史还能买吗).
  { id: 'insurance.health_declaration', terms: ['健康告知', '核保', '智能核保', '人工核保', '既往病史', '病史', '带病投保', '健康问卷', '体检异常', '结节', '甲状腺结节', '乳腺结节', '肺结节', '慢性病', '除外承保', '拒保'] },
  { id: 'insurance.coverage', terms: ['保障范围', '保什么', '保哪些', '免责', '免责条款', '保额', '保障内容', '哪些不赔', '理赔范围', '保障期限', '既往症', '什么情况不赔', '什么情况下不赔', '哪些情况不赔', '不在保障', '管不管赔', '啥情况不赔', '什么情况不给赔', '啥情况不给赔', '哪些情况不给赔', '保障哪些', '管哪些', '保障责任', '责任免除'] },
  // The days after buying when an illness is not yet covered (等待期, 观察期), and when cover starts.
  { id: 'insurance.waiting_period', terms: ['等待期', '观察期', '多久生效', '几天生效', '什么时候生效', '啥时候生效', '多久才生效', '等待期内', '观察期内'] },
  // What the insured bears before the insurer pays (免赔额, 起付线).
  { id: 'insurance.deductible', terms: ['免赔额', '免赔', '起付线', '绝对免赔', '免赔金额', '先自己掏', '自己先掏', '自付部分', '自己承担部分'] },
  { id: 'insurance.beneficiary', terms: ['受益人', '身故受益人', '指定受益人', '法定受益人', '变更受益人', '修改受益人', '受益人变更', '改受益人'] },
  { id: 'insurance.policy', terms: ['保单', '保单号', '保险单', '保险合同', '纸质保单', '保单丢了', '保险的单子', '投保的单子', '买保险的单子', '保险的合同', '保险的纸', '电子保单', '保单凭证'] },
  { id: 'insurance.premium', terms: ['保费', '续期保费', '保险费', '宽限期', '交保险', '交保险费', '断缴', '保单失效', '保单复效', '复效'] },
  // Keeping a policy on past its term, not the premium of this one.
  { id: 'insurance.renew', terms: ['续保', '自动续保', '接着保', '续保险', '保单到期', '保险到期', '到期续保', '保障到期', '停售续保'] },
  { id: 'insurance.surrender', terms: ['退保', '犹豫期', '退保费用', '退保损失', '现金价值', '不想保了', '不保了', '退掉保险', '保险退了', '取消保险', '保险能退', '保险不想要了', '保险不要了', '保单不要了', '退保单', '退掉保单', '保单退掉', '保险退掉'] },
  // An insured event (出险, 出了事故) is what a claim is made on.
  { id: 'insurance.claim', terms: ['申请理赔', '理赔流程', '理赔申请', '保险理赔', '报案', '想理赔', '要理赔', '住院报销', '看病报销', '出险', '出事故', '出了事故', '发生事故', '车祸', '报险', '申请赔付', '走理赔', '报保险', '定损'] },
  { id: 'insurance.payout', terms: ['理赔进度', '理赔款', '理赔到账', '赔款', '理赔审核', '理赔结果', '理赔时效', '赔款到账', '理赔多久', '理赔要多久', '理赔还没到', '理赔被拒', '拒赔', '赔付到账', '理赔金', '赔的钱', '理赔进展', '理赔状态', '理赔到哪'] },

  // ───────────────────────── consumer credit ─────────────────────────
  { id: 'loan.borrow', terms: ['借款', '贷款', '借钱', '放款', '下款', '借一笔', '借点钱', '借款到账', '网贷', '小额贷款', '信用贷', '消费贷'] },
  { id: 'loan.repay', terms: ['还款', '自动还款', '主动还款', '还款失败', '这期怎么还', '每月还多少', '还贷', '还款账户', '每期还', '还几期', '还钱', '手动还', '还这期', '还款方式'] },
  // The day each instalment falls due, not how it is paid (还款日 beside 还款).
  { id: 'loan.due_date', terms: ['还款日', '扣款日', '还款日期', '还款时间', '几号还款', '几号要还', '哪天还款', '每月几号', '账单日', '最后还款日', '几号还钱', '几号要还钱', '哪天还钱'] },
  { id: 'loan.early_repay', terms: ['提前还款', '提前还清', '一次性还清', '提前结清', '全部还清', '结清贷款', '一次还清', '还清贷款', '都还清', '提前还了', '提前还完', '一次性还完', '提前还贷', '一次还完', '全部还掉'] },
  { id: 'loan.overdue', terms: ['逾期', '罚息', '滞纳金', '催收', '晚还了', '晚还几天', '晚还两天', '忘了还款', '没按时还', '逾期还款', '迟还', '忘记还款', '没还上', '催款电话', '还晚了', '拖欠', '没及时还', '忘还了', '还不上', '还不起'] },
  // The central bank's credit record: what a loan, a late payment or an enquiry leaves on it.
  { id: 'loan.credit_report', terms: ['征信', '上征信', '影响征信', '征信报告', '信用记录', '人行征信', '征信记录', '查征信', '征信查询', '信用报告', '不良记录', '征信中心'] },
  { id: 'loan.limit', terms: ['额度', '提额', '额度不够', '降额', '额度提升', '提高额度', '临时额度', '额度太低', '额度被降', '涨额度', '提升额度', '额度降低', '额度变少', '额度没了', '可用额度', '提个额', '加额度', '额度怎么提', '额度低', '调额', '能借多少', '最多能借', '最多借', '借款额度', '信用额度', '调高额度', '额度调高', '没额度', '额度不足', '额度为零'] },
  { id: 'loan.interest', terms: ['利息', '利率', '年化', '日息', '月息', '息费', '计息', '利息太高', '砍头息', '年利率', '月利率', '日利率'] },

  // ───────────────────────── contracts ─────────────────────────
  // Ending any contract early (a carrier's, a gym's, a lease, a loan): what is ended is told by the other words.
  { id: 'contract.termination', terms: ['违约金', '解约', '解除合同', '解除合约', '毁约', '终止合同', '退合约', '合约期内', '违约', '提前终止', '合约没到期', '合约未到期', '合约期', '合约还有', '合约机', '要罚款', '罚款多少', '多少罚款', '提前解约', '退网', '签了两年', '签了24个月', '承诺在网', '保底消费', '月最低消费', '合约还没到期', '合同还没到期', '提前退网', '不想续约'] },
];
