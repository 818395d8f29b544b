import { Hono } from 'hono';
import type { Env } from '../env';

/**
 * The operators' dashboard: one self-contained page (no framework, no build step, a few KiB in
 * the bundle) that reads the admin API with the operator's own bearer token. The token stays in
 * the tab's sessionStorage; the page itself holds no data and needs no authentication.
 *
 * Strict CSP: the one <style> and <script> carry a per-response nonce, nothing inline otherwise
 * (bar widths are set through the CSSOM, which style-src does not govern), no outside origin.
 */
export const dashboard = new Hono<{ Bindings: Env }>();

dashboard.get('/dashboard', (c) => {
  const nonce = crypto.randomUUID().replaceAll('-', '');
  c.header('content-security-policy', `default-src 'none'; connect-src 'self'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.html(page(nonce));
});

const page = (nonce: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>客服看板 · wecom-kefu-edge</title><link rel="icon" href="data:,">
<style nonce="${nonce}">
:root{--bg:#f4f6f8;--card:#fff;--ink:#1d2129;--muted:#6b7280;--accent:#07c160;--accent2:#e8f8ef;--warn:#d97706;--bad:#e34d59;--good:#059669;--line:#e5e7eb}
*{box-sizing:border-box}body{margin:0;font:14px/1.55 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:var(--bg);color:var(--ink)}
header{position:sticky;top:0;z-index:1;display:flex;gap:10px;align-items:center;padding:10px 20px;background:var(--card);border-bottom:1px solid var(--line);flex-wrap:wrap}
header h1{font-size:17px;margin:0 10px 0 0}header h1 i{font-style:normal;color:var(--accent)}
input,select,button{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;color:inherit}
button{cursor:pointer}button.primary{background:var(--accent);color:#fff;border-color:var(--accent);padding:6px 18px}
#status{margin-left:auto;color:var(--muted)}#status.error{color:var(--bad)}
main{padding:16px 20px 32px;display:grid;gap:16px;grid-template-columns:repeat(2,minmax(0,1fr));max-width:1400px;margin:0 auto}
@media (max-width:860px){main{grid-template-columns:minmax(0,1fr)}}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;min-width:0}
section h2{font-size:14px;margin:0 0 10px;font-weight:600}section h2 small{color:var(--muted);font-weight:400;margin-left:6px}
.wide{grid-column:1/-1}.notice{grid-column:1/-1;background:#fff7e6;border:1px solid #f5d39b;color:#8a5300;border-radius:8px;padding:8px 12px}
.kpis{grid-column:1/-1;display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:12px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}.kpi span{color:var(--muted);font-size:12px}
.kpi b{display:block;font-size:22px;line-height:1.3;margin:2px 0;white-space:nowrap}.kpi em{font-style:normal;color:var(--muted);font-size:12px}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 6px;border-bottom:1px solid var(--line);font-size:13px;vertical-align:top}
th{color:var(--muted);font-weight:500;white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.barcell{width:45%}.bar{height:8px;background:var(--accent);border-radius:4px;min-width:2px;margin-top:6px}.reasons .bar{background:var(--warn)}
.muted{color:var(--muted)}.bad{color:var(--bad)}.good{color:var(--good)}
.tag{display:inline-block;padding:0 8px;border-radius:10px;background:var(--accent2);color:#067a3e;font-size:12px;margin-right:4px}
.tag.gray{background:#f0f1f3;color:var(--muted)}.tag.warn{background:#fff3e0;color:var(--warn)}
tr.click{cursor:pointer}tr.click:hover{background:#f8faf9}
.lookup{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:10px}.lookup input{flex:1;min-width:180px}
tr.in td{background:#f6fbf8}pre{white-space:pre-wrap;word-break:break-all;margin:0;font:12px/1.5 ui-monospace,monospace;color:var(--muted)}
.timeline{max-height:480px;overflow:auto}#timeline td:first-child{width:170px;white-space:nowrap}#timeline td:nth-child(2){width:190px}p{margin:0 0 8px}
</style></head><body>
<header><h1><i>●</i> 客服看板</h1>
<input id="token" type="password" placeholder="管理令牌 (Bearer token)" size="26" autocomplete="off" aria-label="管理令牌">
<select id="range" aria-label="时间范围"><option value="1">近 24 小时</option><option value="7" selected>近 7 天</option><option value="30">近 30 天</option></select>
<input id="kf" placeholder="客服账号 open_kfid（全部）" size="24" aria-label="客服账号">
<button class="primary" id="load">刷新</button><span id="status">输入令牌后点击刷新</span></header>
<main>
<div class="notice" id="truncated" hidden></div>
<div class="kpis" id="kpis"></div>
<section><h2>意图分布</h2><table id="intents"></table></section>
<section class="reasons"><h2>转人工原因</h2><table id="reasons"></table></section>
<section class="wide"><h2>客服绩效<small>首响从转人工起算，机器人消息不计入</small></h2><table id="servicers"></table></section>
<section><h2>灰度发布</h2><div id="release"></div></section>
<section><h2>敏感内容拦截<small>点击一行查看会话</small></h2><table id="violations"></table></section>
<section class="wide" id="lookup"><h2>会话查询</h2><div class="lookup"><input id="q-kf" placeholder="open_kfid"><input id="q-user" placeholder="external_userid"><button id="q-go">查看</button></div><div id="conversation" class="muted">输入客服账号与客户 ID 查看会话时间线</div></section>
</main>
<script nonce="${nonce}">
const $ = (id) => document.getElementById(id);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (ch) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[ch]));
const pct = (v) => v == null ? '—' : (v * 100).toFixed(1) + '%';
const dur = (ms) => ms == null ? '—' : ms < 60000 ? (ms / 1000).toFixed(1) + ' 秒' : ms < 3600000 ? (ms / 60000).toFixed(1) + ' 分钟' : (ms / 3600000).toFixed(1) + ' 小时';
const score = (v) => v == null ? '—' : v.toFixed(2);
const time = (ms) => new Date(ms).toLocaleString('zh-CN', { hour12: false });
const REASONS = { keyword: '关键词转人工', menu: '菜单选择人工', misses: '多次未识别', escalation: '兜底超时升级', no_budget: '发送额度用尽', unsafe_reply: '回复含敏感词', breaker: '机器人故障熔断', bot_error: '机器人处理失败', unknown: '未注明' };
const STATES = { new: '新会话', bot: '机器人接待', queued: '排队中', human: '人工接待', closed: '已结束' };
const STAGES = { none: '无灰度', shadow: '影子模式', internal: '内部试用', percent: '按比例放量', full: '全量' };
const VARIANTS = { stable: '稳定版', candidate: '候选版', shadow: '影子（候选）' };
const EVENTS = { message_in: '客户消息', message_out: '回复', welcome: '欢迎语', state: '状态变化', intent: '识别意图', answer: '解答', fallback: '兜底回复',
  escalation: '升级计时', handoff: '转人工', assigned: '分配客服', closed: '会话结束', rating: '满意度评价', survey: '满意度调查', context: '上下文', language: '语言',
  budget: '发送额度', delivery_retry: '重试发送', delivery_failed: '发送失败', system_message: '系统消息', enter_session: '进入会话', session_status_change: '会话状态变更', msg_send_fail: '发送失败回执',
  shadow: '影子决策', bot_failure: '机器人故障', breaker: '熔断器' };
$('token').value = sessionStorage.getItem('adminToken') || '';
async function api(path) {
  const r = await fetch('/admin/api' + path, { headers: { authorization: 'Bearer ' + $('token').value } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(r.status === 401 ? '令牌无效或已吊销' : r.status === 403 ? '令牌权限不足' : (body.error && body.error.message) || ('HTTP ' + r.status));
  return body;
}
function status(text, error) { $('status').textContent = text; $('status').className = error ? 'error' : ''; }
function rows(el, head, list, render) {
  $(el).innerHTML = '<tr>' + head.map((h) => '<th' + (h[0] === '#' ? ' class="n">' + esc(h.slice(1)) : '>' + esc(h)) + '</th>').join('') + '</tr>' +
    (list.length ? list.map(render).join('') : '<tr><td class="muted" colspan="' + head.length + '">暂无数据</td></tr>');
}
const td = (v, n) => '<td' + (n ? ' class="n"' : '') + '>' + esc(v) + '</td>';
function kpis(m) {
  const items = [
    ['conversations', '会话数', m.conversations, m.customerMessages + ' 条客户消息'],
    ['answerRate', '机器人解答率', pct(m.answerRate), m.answered + ' / ' + m.botTurns + ' 轮'],
    ['fallbackRate', '兜底率', pct(m.fallbackRate), m.fallbacks + ' / ' + m.botTurns + ' 轮'],
    ['handoffRate', '转人工率', pct(m.handoffRate), m.handoffs + ' 次转人工'],
    ['containmentRate', '机器人独立解决', pct(m.containmentRate), '未经人工的会话'],
    ['satisfaction', '满意度', m.satisfaction == null ? '—' : score(m.satisfaction) + ' 分', m.ratings + ' 条 · 好评 ' + pct(m.satisfiedShare)],
    ['botFirstResponse', '机器人首响', dur(m.botFirstResponseMs.median), '中位 · ' + m.botFirstResponseMs.count + ' 次'],
    ['humanFirstResponse', '人工首响', dur(m.humanFirstResponseMs.median), 'P90 ' + dur(m.humanFirstResponseMs.p90)],
    ['handling', '人工处理时长', dur(m.handlingMs.median), '中位 · ' + m.handlingMs.count + ' 次接待']];
  $('kpis').innerHTML = items.map(([id, k, v, sub]) => '<div class="kpi" data-kpi="' + id + '"><span>' + esc(k) + '</span><b>' + esc(v) + '</b><em>' + esc(sub) + '</em></div>').join('');
}
function bars(el, list, label) {
  const max = Math.max(1, ...list.map((x) => x.count));
  const total = list.reduce((s, x) => s + x.count, 0);
  rows(el, [el === 'intents' ? '意图' : '原因', '#次数', '#占比', ''], list, (x) => '<tr>' + td(label(x)) + td(x.count, 1) + td(pct(x.count / total), 1) + '<td class="barcell"><div class="bar" data-w="' + (100 * x.count / max) + '"></div></td></tr>');
  // Widths through the CSSOM: the CSP forbids inline style attributes.
  for (const b of $(el).querySelectorAll('.bar')) b.style.width = b.dataset.w + '%';
}
function compare(c) {
  const sides = Object.keys(c.variants).sort((a, b) => (a === 'stable' ? -1 : b === 'stable' ? 1 : a.localeCompare(b)));
  const base = c.variants.stable;
  // [label, value, shown, higher is better]
  const lines = [['会话数', (v) => v.conversations, (v) => v.conversations],
    ['解答率', (v) => v.answerRate, (v) => pct(v.answerRate) + ' <span class="muted">(' + v.answered + '/' + v.botTurns + ')</span>', true],
    ['兜底率', (v) => v.fallbackRate, (v) => pct(v.fallbackRate) + ' <span class="muted">(' + v.fallbacks + '/' + v.botTurns + ')</span>', false],
    ['转人工率', (v) => v.handoffRate, (v) => pct(v.handoffRate) + ' <span class="muted">(' + v.handoffs + ')</span>', false],
    ['满意度', (v) => v.satisfaction, (v) => score(v.satisfaction) + ' <span class="muted">(' + v.ratings + ' 条)</span>', true]];
  return '<table id="compare"><tr><th>指标</th>' + sides.map((s) => '<th class="n">' + esc(VARIANTS[s] || s) + '</th>').join('') + '</tr>' +
    lines.map(([label, get, show, up]) => '<tr><td>' + label + '</td>' + sides.map((s) => {
      const v = c.variants[s], d = up === undefined || s === 'stable' || get(v) == null || get(base) == null ? 0 : get(v) - get(base);
      const cls = d === 0 ? '' : (d > 0) === up ? ' good' : ' bad';
      return '<td class="n' + cls + '">' + show(v) + '</td>';
    }).join('') + '</tr>').join('') + '</table>' + (c.excluded ? '<p class="muted">另有 ' + c.excluded + ' 条事件属于已下线的版本，未计入。</p>' : '');
}
function release(r, c) {
  const v = (n) => n == null ? '无' : 'v' + esc(n);
  $('release').innerHTML = '<p>稳定版 <span class="tag">' + v(r.stable) + '</span> 候选版 <span class="tag ' + (r.candidate == null ? 'gray' : 'warn') + '">' + v(r.candidate) + '</span> 阶段 <span class="tag gray">' +
    esc(STAGES[r.stage] || r.stage) + (r.stage === 'percent' ? ' ' + esc(r.percent) + '%' : '') + '</span></p>' + compare(c);
}
function rangeQuery() {
  const q = new URLSearchParams({ from: String(Date.now() - Number($('range').value) * 86400000) });
  if ($('kf').value.trim()) q.set('open_kfid', $('kf').value.trim());
  return '?' + q;
}
async function load() {
  sessionStorage.setItem('adminToken', $('token').value);
  status('加载中…');
  try {
    const qs = rangeQuery();
    const [m, r, c, violations] = await Promise.all([api('/metrics' + qs), api('/release'), api('/release/compare' + qs), api('/violations?limit=20')]);
    $('truncated').hidden = !m.truncated;
    $('truncated').textContent = m.truncated ? '数据量超过单次上限，以下指标只统计到 ' + time(m.covered_to) + '；请缩短时间范围或按客服账号筛选。' : '';
    kpis(m);
    bars('intents', m.intents, (x) => x.intent);
    bars('reasons', m.handoffReasons, (x) => REASONS[x.reason] || x.reason);
    rows('servicers', ['客服', '#接待量', '#评价数', '#满意度', '#首响中位', '#首响 P90', '#处理时长中位'], m.servicers, (s) =>
      '<tr>' + td(s.servicer) + td(s.handled, 1) + td(s.rated, 1) + td(score(s.satisfaction), 1) + td(dur(s.firstResponseMs.median), 1) + td(dur(s.firstResponseMs.p90), 1) + td(dur(s.handlingMs.median), 1) + '</tr>');
    release(r, c);
    rows('violations', ['时间', '方向', '命中', '摘录'], violations.items || [], (v) =>
      '<tr class="click" data-kf="' + esc(v.open_kfid) + '" data-user="' + esc(v.external_userid) + '">' + td(time(v.at)) + td(v.direction === 'inbound' ? '客户发送' : '机器人回复') + '<td class="bad">' + esc((v.words || []).join('、')) + '</td>' + td(v.excerpt) + '</tr>');
    status('已更新 ' + new Date().toLocaleTimeString('zh-CN', { hour12: false }));
  } catch (e) { status(e.message, true); }
}
function detail(e) {
  if (typeof e.text === 'string') return esc(e.text);
  const rest = Object.entries(e).filter(([k, v]) => k !== 'at' && k !== 'type' && v != null);
  if (e.type === 'handoff' && e.reason) rest.unshift(['原因', REASONS[e.reason] || e.reason]);
  if (e.type === 'state') rest.unshift(['', (STATES[e.from] || e.from) + ' → ' + (STATES[e.to] || e.to)]);
  return '<pre>' + esc(rest.map(([k, v]) => (k ? k + ': ' : '') + (typeof v === 'object' ? JSON.stringify(v) : v)).join(' · ')) + '</pre>';
}
function who(e) {
  if (e.type !== 'message_out') return '';
  return e.by === 'servicer' ? '<span class="tag warn">' + esc(e.servicer || '客服') + '</span>' : '<span class="tag">机器人</span>';
}
async function lookup() {
  const kf = $('q-kf').value.trim(), user = $('q-user').value.trim();
  if (!kf || !user) { $('conversation').innerHTML = '<p class="bad">请输入 open_kfid 和 external_userid</p>'; return; }
  try {
    const c = await api('/conversations/' + encodeURIComponent(kf) + '/' + encodeURIComponent(user));
    const events = c.events.slice(-300).reverse();
    $('conversation').className = '';
    $('conversation').innerHTML = '<p>状态 <span class="tag">' + esc(STATES[c.state] || c.state) + '</span> 分组 ' + esc(c.group ?? '—') + ' · 客服 ' + esc(c.servicer ?? '—') +
      ' · 共 ' + c.events.length + ' 条事件' + (c.events.length > 300 ? '（显示最近 300 条）' : '') + '</p><div class="timeline"><table id="timeline"><tr><th>时间</th><th>事件</th><th>内容</th></tr>' +
      (events.length ? events.map((e) => '<tr' + (e.type === 'message_in' ? ' class="in"' : '') + '>' + td(time(e.at)) + '<td>' + esc(EVENTS[e.type] || e.type) + ' ' + who(e) + '</td><td>' + detail(e) + '</td></tr>').join('') :
        '<tr><td class="muted" colspan="3">这位客户还没有会话记录</td></tr>') + '</table></div>';
  } catch (e) { $('conversation').innerHTML = '<p class="bad">' + esc(e.message) + '</p>'; }
}
$('load').addEventListener('click', load);
$('q-go').addEventListener('click', lookup);
for (const id of ['q-kf', 'q-user', 'token', 'kf']) $(id).addEventListener('keydown', (e) => { if (e.key === 'Enter') (id.startsWith('q-') ? lookup : load)(); });
$('violations').addEventListener('click', (e) => {
  const tr = e.target.closest('tr[data-kf]');
  if (!tr) return;
  $('q-kf').value = tr.dataset.kf; $('q-user').value = tr.dataset.user;
  lookup().then(() => $('lookup').scrollIntoView());
});
if ($('token').value) load();
</script></body></html>`;
