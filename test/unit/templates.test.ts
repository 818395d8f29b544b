import { describe, expect, it } from 'vitest';
import { ConfigSchema, type ConfigInput, type Link } from '../../src/rules/config';
import { BUILTIN_TEXTS, interpolate, systemText } from '../../src/engine/templates';

const parse = (input: ConfigInput) => ConfigSchema.parse(input);

const full = parse({
  welcome: { text: '欢迎光临', by_time: [{ start: '22:00', end: '07:00', text: '夜深了，欢迎留言' }] },
  fallback: { reply: '没听懂呢' },
  handoff: { message: '马上为您转人工' },
  sensitive_words: { words: ['x'], reply: '含敏感词' },
  survey: { question: '打个分吧', options: [{ id: 'a', content: '好', score: 5 }, { id: 'b', content: '差', score: 1 }], thanks: '谢谢打分' },
  links: [{ open_kfid: 'wk1', name: '售后', queue_prompt: '前面 {position} 位，约 {wait_minutes} 分钟', off_hours_reply: '下次 {next_open} 见', welcome: '售后欢迎您' }],
  templates: { en: { fallback: 'Sorry, I did not get that.', queue_prompt: '{position} ahead of you, about {wait_minutes} min' }, zh: { survey_thanks: '不会用到' } },
});
const link = full.links[0] as Link;

describe('systemText', () => {
  it('gives Chinese customers the section texts', () => {
    expect(systemText(full, 'fallback', {})).toBe('没听懂呢');
    expect(systemText(full, 'handoff', { locale: 'zh' })).toBe('马上为您转人工');
    expect(systemText(full, 'sensitive_reply', {})).toBe('含敏感词');
    expect(systemText(full, 'survey', {})).toBe('打个分吧');
    expect(systemText(full, 'survey_thanks', {})).toBe('谢谢打分');
  });

  it('gives a customer whose language has a template that template, else the Chinese text', () => {
    expect(systemText(full, 'fallback', { locale: 'en' })).toBe('Sorry, I did not get that.');
    expect(systemText(full, 'fallback', { locale: 'en-GB' })).toBe('Sorry, I did not get that.');
    expect(systemText(full, 'handoff', { locale: 'en' })).toBe('马上为您转人工');
    expect(systemText(full, 'fallback', { locale: 'ja' })).toBe('没听懂呢');
  });

  it('fills placeholders, per locale', () => {
    expect(systemText(full, 'queue_prompt', { link, vars: { position: 3, wait_minutes: 6 } })).toBe('前面 3 位，约 6 分钟');
    expect(systemText(full, 'queue_prompt', { locale: 'en', link, vars: { position: 1, wait_minutes: 2 } })).toBe('1 ahead of you, about 2 min');
    expect(systemText(full, 'off_hours_reply', { link, vars: { next_open: '周一 09:00' } })).toBe('下次 周一 09:00 见');
  });

  it('picks the welcome by time of day (over midnight), then the link, then the document', () => {
    expect(systemText(full, 'welcome', { link, localTime: '23:30' })).toBe('夜深了，欢迎留言');
    expect(systemText(full, 'welcome', { link, localTime: '06:59' })).toBe('夜深了，欢迎留言');
    expect(systemText(full, 'welcome', { link, localTime: '07:00' })).toBe('售后欢迎您');
    expect(systemText(full, 'welcome', { localTime: '12:00' })).toBe('欢迎光临');
  });

  it('falls back to templates.zh, then built-in Chinese defaults', () => {
    const bare = parse({ templates: { zh: { fallback: '文档级兜底' } } });
    expect(systemText(bare, 'fallback', {})).toBe('文档级兜底');
    expect(systemText(bare, 'fallback', { locale: 'en' })).toBe('文档级兜底');
    expect(systemText(bare, 'welcome', {})).toBe(BUILTIN_TEXTS.welcome);
    expect(systemText(bare, 'queue_prompt', { vars: { position: 2, wait_minutes: 4 } })).toBe(
      '当前咨询人数较多，您前面还有 2 位，预计等待 4 分钟。',
    );
  });
});

describe('interpolate', () => {
  it('leaves unknown placeholders and other braces alone', () => {
    expect(interpolate('{a} {b} {c d}', { a: 1 })).toBe('1 {b} {c d}');
    expect(interpolate('{constructor}', {})).toBe('{constructor}');
  });
});
