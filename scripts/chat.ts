/**
 * `npm run chat`: be a WeChat customer in the terminal, talking to the system `npm start` runs.
 * Lines go to the simulator as customer messages (/_sim/customer/say); the simulator delivers the
 * callback to the Worker, and what the bot sends back shows up here (polled from /_sim/sent).
 *
 *   /enter [scene] [scene_param]   open the chat again (e.g. /enter BJ001 store_id=BJ001)
 *   /menu <id>                     click an item of the last menu
 *   /user <id>                     become another customer      /kf <open_kfid>  switch account
 *   /state                         the session's WeCom state     /quit
 *
 * SIM_URL (default http://127.0.0.1:8788), SIM_TOKEN (default: the token `npm start` left in
 * .wrangler/sim-control-token), CHAT_KF and CHAT_USER override the defaults.
 */
import { randomInt } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { DEMO_KF, SIM_TOKEN_FILE, SIM_URL } from '../src/simulator/defaults';
import { CONTROL_TOKEN_HEADER } from '../src/simulator/http';
import type { SentMessage, StateAnswer } from '../src/simulator';

const STATE_NAMES = ['新接入 (0)', '智能助手接待 (1)', '排队中 (2)', '人工接待 (3)', '已结束 (4)'];
const POLL_MS = 300;

let kf = process.env.CHAT_KF ?? DEMO_KF.presale;
let user = process.env.CHAT_USER ?? `wmchat${randomInt(100_000, 999_999)}`;
let lastSeq = 0;
let lastState: number | undefined;
let lastActivity = Date.now();

// Created once the simulator answered: piped lines read before a 'line' listener exists are lost.
let rl: Interface;
const prompt = () => rl.setPrompt(`${user} › `);

/** Prompts on a terminal only: piped input (scripts, demos) reads better without prompts. */
const reprompt = () => process.stdin.isTTY && rl.prompt(true);

/** Prints above the prompt without mangling what the user is typing. */
function show(line: string) {
  if (process.stdin.isTTY) process.stdout.write('\r\x1b[K');
  console.log(line);
  reprompt();
}

/** The control token `npm start` left for this run (or SIM_TOKEN); absent: the simulator will say 401. */
function controlToken(): string {
  if (process.env.SIM_TOKEN) return process.env.SIM_TOKEN;
  try {
    return readFileSync(SIM_TOKEN_FILE, 'utf8').trim();
  } catch {
    return '';
  }
}

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers = { [CONTROL_TOKEN_HEADER]: controlToken(), 'content-type': 'application/json' };
  const r = await fetch(`${SIM_URL}/_sim/${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const j = (await r.json()) as T & { error?: string };
  if (!r.ok) throw new Error(j.error ?? `HTTP ${r.status}`);
  return j;
}

function render(m: SentMessage) {
  const via = m.slot.via === 'send_msg_on_event' ? ` (${m.slot.code})` : '';
  const lines = m.content.split('\n');
  show(`\x1b[36m客服${via} › ${lines.join('\n         ')}\x1b[0m`);
  if (m.menu.length) show(`\x1b[2m         click with /menu ${m.menu.map((c) => c.id).join(' | /menu ')}\x1b[0m`);
}

async function poll() {
  try {
    const { items } = await control<{ items: SentMessage[] }>('GET', `sent?since=${lastSeq}`);
    for (const m of items) {
      lastSeq = m.seq;
      lastActivity = Date.now();
      if (m.external_userid === user && m.open_kfid === kf) render(m);
    }
    const state = (await control<StateAnswer>('GET', 'state')).sessions.find((s) => s.open_kfid === kf && s.external_userid === user);
    if (state && state.state !== lastState) {
      if (lastState !== undefined) show(`\x1b[2m         [会话状态: ${STATE_NAMES[state.state]}${state.servicer_userid ? `, ${state.servicer_userid}` : ''}]\x1b[0m`);
      lastState = state.state;
    }
  } catch (e) {
    show(`! simulator unreachable at ${SIM_URL}: ${(e as Error).message}`);
  }
}

async function command(line: string) {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  switch (cmd) {
    case '/quit':
      rl.close();
      return;
    case '/enter':
      await control('POST', 'customer/enter', { open_kfid: kf, external_userid: user, scene: args[0] ?? '', scene_param: args[1] ?? '' });
      show(`\x1b[2m         [${user} opened the chat${args[0] ? ` via ${args[0]}` : ''}]\x1b[0m`);
      return;
    case '/menu':
      if (!args[0]) return show('usage: /menu <id>');
      await control('POST', 'customer/click', { open_kfid: kf, external_userid: user, menu_id: args[0] });
      return;
    case '/user':
    case '/kf':
      if (!args[0]) return show(`usage: ${cmd} <id>`);
      if (cmd === '/user') user = args[0];
      else kf = args[0];
      lastState = undefined;
      prompt();
      return show(`\x1b[2m         [now ${user} on ${kf}]\x1b[0m`);
    case '/state': {
      const s = (await control<StateAnswer>('GET', 'state')).sessions.find((x) => x.open_kfid === kf && x.external_userid === user);
      return show(s ? `         [会话状态: ${STATE_NAMES[s.state]}${s.servicer_userid ? `, ${s.servicer_userid}` : ''}; ${s.sent_since_customer_msg}/5 sent since your last message]` : '         [no session yet]');
    }
    default:
      return show('commands: /enter [scene] [scene_param], /menu <id>, /user <id>, /kf <open_kfid>, /state, /quit');
  }
}

async function main() {
  try {
    const state = await control<StateAnswer>('GET', 'state');
    lastSeq = (await control<{ items: SentMessage[] }>('GET', 'sent')).items.at(-1)?.seq ?? 0;
    if (!state.accounts.some((a) => a.open_kfid === kf)) console.log(`note: ${kf} is not one of the simulator's accounts yet; it will be created.`);
  } catch {
    console.error(`No WeCom simulator at ${SIM_URL}. Start the system first with \`npm start\` (or set SIM_URL).`);
    process.exit(1);
  }
  console.log(`You are ${user}, chatting with ${kf}. Type a message; /help lists commands.`);
  rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  prompt();
  const timer = setInterval(() => void poll(), POLL_MS);

  // Lines are handled one at a time, in order, even when pasted or piped in; the customer
  // opens the chat first (enter_session, so the welcome comes).
  let queue = command('/enter').then(() => reprompt());
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      const text = line.trim();
      try {
        if (text.startsWith('/')) await command(text);
        else if (text) await control('POST', 'customer/say', { open_kfid: kf, external_userid: user, text });
      } catch (e) {
        show(`! ${(e as Error).message}`);
      }
      lastActivity = Date.now();
      reprompt();
    });
  });
  rl.on('close', () => {
    // Piped input ends at once: wait for the answers to stop coming (at most 15 s), then leave.
    void queue.then(async () => {
      const deadline = Date.now() + 15_000;
      while (Date.now() - lastActivity < 2_500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
      clearInterval(timer);
      await poll();
      process.exit(0);
    });
  });
}

void main();
