/**
 * What a shop's customer tells of the goods or the order, read by its shape (./clause-readings
 * reads them with its own): the situation stands for the request, whatever words fill it.
 * - a body's height and weight given together (1米65一百二, 身高160体重100斤, 170 130斤) asks which
 *   size fits (size.body_measurements): the numbers are the body, not a holiday (五一) or a price;
 * - a wash followed by a loss of size (洗了一次小了一圈, 下水之后会不会变短) is shrinking;
 * - a wash followed by colour in the water or a paler garment (洗完盆里的水都是蓝的, 洗了几次变灰了),
 *   or a garment stained by another (被这条裤子染了), is fading; not a dentist's 洗牙, a 洗衣机 nor 染发;
 * - opening the parcel and finding it broken (打开盒子发现碎了, 拆开一看就坏了) is damage;
 * - a parcel found holding only some or nothing (包裹里只有上衣, 盒子里是空的) is a missing item;
 * - money taken while the order is said unpaid (钱扣了可还是显示没付, 划走了却说我没付) is a
 *   payment problem, whatever verb took the money;
 * - a part of a garment, then its trouble (扣子掉了, 领口变形了), is a defect of the garment;
 * - a trouser named, then shortened, is hemming; tens of pieces ordered at once are a bulk order;
 * - a count of days without movement (3天没动了, 好几天不更新) is stalled tracking: counted days are
 *   digits once folded, which the lexicon's 几天没动 does not meet.
 */
import type { Shape } from './clause-readings';

/** A colour (黑, 藏青色, 卡其), as customers name the variant bought or the colour something turned. */
export const COLOUR = String.raw`(?:黑|白|红|蓝|绿|黄|灰|粉|紫|棕|橙|青|米|金|银|咖|卡其|藏青|军绿|酒红|深蓝|浅蓝|深灰|浅灰|玫红|天蓝|墨绿|香槟)色?`;

/** Not across a sentence's end. */
const GAP = (n: number) => String.raw`[^。！？!?]{0,${n}}?`;

/** A height in metres (1米65, 1米六五) or centimetres (165, 165cm), with 身高 or not. */
const HEIGHT_MARKED = String.raw`(?:身高)?(?:1米(?:[五六七八九][零一二三四五六七八九]?|[5-9]\d?)?|1[4-9]\d(?:cm|厘米))|身高1[4-9]\d`;
/** A weight in 斤 or kilograms (一百二, 130斤, 60kg); bare numbers only after a marked height. */
const WEIGHT = String.raw`(?:体重)?(?:[一二]百(?:[一二三四五六七八九]十?[一二三四五六七八九]?|\d{1,2})?|[四五六七八九]十[一二三四五六七八九]?|\d{2,3}(?:\.\d)?)`;
const WEIGHT_UNIT = String.raw`(?:斤|kg|公斤|千克)`;
const SEP = String.raw`[\s,，、/]*`;
const BODY = new RegExp(String.raw`(?:${HEIGHT_MARKED})${SEP}${WEIGHT}${WEIGHT_UNIT}?|1[4-9]\d${SEP}${WEIGHT}${WEIGHT_UNIT}`, 'gu');

/** Washing a garment: not 洗牙, 洗衣机, 洗手间, 洗头, 洗澡, 洗碗, 洗车, 洗菜; nor a drain (下水道). */
const WASH = String.raw`(?:洗(?![牙衣手头澡碗车脸发剪吹菜米果])|下水(?!道))`;
const SHRUNK = new RegExp(String.raw`${WASH}${GAP(8)}(?:(?:小了|短了|窄了|紧了|变小|变短|变窄|变紧)(?:[1一]?[圈截号码点]|很多|好多)?|缩水?|小[1一]?[圈截])`, 'gu');
const FADED = new RegExp(String.raw`${WASH}${GAP(8)}(?:[水盆]${GAP(6)}${COLOUR}|变(?:浅|淡|白|灰|花|黄))|被[^。！？!?，,]{1,8}?染(?=[了色到上成花]|$)`, 'gu');

/** Opening it, then what was found: the damage word that follows stays the lexicon's term, and goods named between are not taken. */
const OPENED_BROKEN = new RegExp(String.raw`(?:打开|拆开|开箱|拆箱)(?:盒子|箱子|包裹|快递|包装|袋子)?(?:一看|以后|之后|后|就|才|发现|里面|竟然|居然|[，,])*(?=碎|坏|破|裂|烂|凹|瘪|变形)`, 'gu');
/**
 * A parcel's container, then only some or nothing in it; what is short of a count is ./clause-readings'
 * (少了2件), and a takeaway's bag short of a spoon is no missing dish.
 */
const CONTAINER_SHORT = new RegExp(
  String.raw`(?:箱子|盒子|包裹|包装|快递)里面?(?:就|竟然|居然)?(?:只有|是空的|空的|空空的|什么都没有|啥都没有|啥也没有|什么也没有)(?:[\d几一两]?[个件只双条套瓶盒袋包份样台支张])?`,
  'gu',
);

/** Money taken (钱都扣了, 扣了我的钱, 划走了) or paid, then the order said unpaid: only money taken needs no word of showing. */
const TAKEN = String.raw`(?:钱[都也已经被]{0,3}(?:扣|划)|扣(?:了|过)?我?的?钱|扣款|扣费|划走|被扣)`;
/** Said or shown unpaid (还挂着待付款, 却说我没付). */
const SAID = String.raw`(?:显示|说|还是|却是|仍是|变成|挂着)`;
const NOT_PAID = String.raw`我?(?:没有?|未|待)(?:付|支付|交)`;
/** Only the saying is read: the money's own words stay terms, so a business that writes them keeps them (扣宽 is still read 扣款). */
/** The first character of the saying is looked at before the look back, which most positions would otherwise pay for. */
const SAYING_STARTS = String.raw`(?=[显说还却仍变挂我没未待])`;
const PAID_UNPAID = new RegExp(String.raw`${SAYING_STARTS}(?:(?<=${TAKEN}${GAP(16)})${SAID}?${NOT_PAID}|(?<=(?:付了|付过|付完|交了)${GAP(16)})${SAID}${NOT_PAID})`, 'gu');

/** A trouser named, then shortened (裤腿太长能帮我剪短点吗, 裤子能改短吗): hemming, not a haircut's 剪短. */
const HEMMED = new RegExp(String.raw`裤[子腿脚管]?${GAP(8)}(?:剪|改|截|裁|修|弄)短`, 'gu');

/** Tens of garments or more to be ordered (要订50件, 想做几十套, 采购上百件): a bulk order; not what was bought (买了12件少了1件), nor portions or people (要订20份: a group meal). */
const BULK = /(?:(?:要|想|准备|打算|需要)(?:订|定|做|买|拿)|订|定做|定制|采购|批)个?(?:[1-9]\d{1,3}|几\d{1,3}|几十|上百|几百)(?:件|套|条|双)/gu;

/** A part of a garment, then its trouble (扣子掉了, 拉链拉不上, 领口变形了, 袖子那里裂开): a defect of the garment, whatever the part. */
const GARMENT_PART = String.raw`(?:扣子|纽扣|拉链|领口|领子|袖口|袖子|肩带|裤腿|裤脚|裤裆|线头|走线|缝线|腋下|口袋|帽子|松紧带|腰头)`;
const PART_BROKEN = new RegExp(String.raw`${GARMENT_PART}(?:那里|那儿|这里|上|处)?(?:的线)?(?:就|都|也|全)?(?:掉了|坏了|断了|开了|裂|破|变形|脱线|开线|松了|拉不上|拉不动|崩开|崩了|坏掉)`, 'gu');

const STALLED = /(?:\d+|几|好几)天了?(?:都|一直|还|也)?(?:没|不)(?:动|更新|变化|有更新|有动静)(?![质味])/gu;

export const AFTERSALES_SHAPES: readonly Shape[] = [
  { sign: /1米|斤|kg|公斤|千克|cm|厘米|身高/u, pattern: BODY, concept: 'size.body_measurements', quiet: true },
  { sign: /洗|下水/u, pattern: SHRUNK, concept: 'quality.shrinking', quiet: true },
  { sign: /洗|下水|染/u, pattern: FADED, concept: 'quality.fading', quiet: true },
  { sign: /打开|拆开|开箱|拆箱/u, pattern: OPENED_BROKEN, concept: 'quality.broken', quiet: true },
  { sign: /子里|裹里|递里|装里/u, pattern: CONTAINER_SHORT, concept: 'quality.missing_parts', quiet: true },
  { sign: /没付|未付|待付|没支|未支|待支|没交|未交|待交/u, pattern: PAID_UNPAID, concept: 'payment.problem', quiet: true },
  { sign: /天没|天不|天都|天还|天也|天了/u, pattern: STALLED, concept: 'delivery.tracking_stalled', quiet: true },
  { sign: /掉了|坏|断了|开了|裂|破|变形|脱线|开线|松了|拉不|崩/u, pattern: PART_BROKEN, concept: 'quality.defective', quiet: true },
  { sign: /短/u, pattern: HEMMED, concept: 'size.hemming', quiet: true },
  { sign: /[件套条双]/u, pattern: BULK, concept: 'promo.wholesale', quiet: true },
];
