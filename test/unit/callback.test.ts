import { describe, it } from 'vitest';
import { CallbackEventError, classifyCallbackEvent, DEFAULT_REPLAY_WINDOW_S, replayWindowSeconds, withinReplayWindow } from '../../src/wecom/callback';
import { KF_EVENT_FIELDS } from '../fixtures/kf-event';


describe('classifyCallbackEvent', () => {
  it('reads kf_msg_or_event as documented (doc 94670)', ({ expect }) => {
    expect(classifyCallbackEvent(KF_EVENT_FIELDS)).toEqual({ kind: 'kf', event: KF_EVENT_FIELDS });
  });

  it('accepts the older format without OpenKfId', ({ expect }) => {
    const { OpenKfId: _, ...older } = KF_EVENT_FIELDS;
    expect(classifyCallbackEvent(older)).toEqual({ kind: 'kf', event: older });
  });

  it('passes other app events through as "other", whatever they carry', ({ expect }) => {
    expect(classifyCallbackEvent({ MsgType: 'event', Event: 'change_external_contact', ChangeType: 'add_external_contact' })).toEqual({
      kind: 'other',
      msgType: 'event',
      event: 'change_external_contact',
    });
    expect(classifyCallbackEvent({ MsgType: 'text', Content: 'hi' })).toEqual({ kind: 'other', msgType: 'text', event: '' });
  });

  it('refuses a kf event without its Token, with a bad CreateTime, an empty OpenKfId or the wrong MsgType', ({ expect }) => {
    const bad = [{ ...KF_EVENT_FIELDS, Token: '' }, { ...KF_EVENT_FIELDS, CreateTime: 'yesterday' }, { ...KF_EVENT_FIELDS, OpenKfId: '' }, { ...KF_EVENT_FIELDS, MsgType: 'text' }];
    for (const fields of bad) expect(() => classifyCallbackEvent(fields)).toThrow(CallbackEventError);
    const { Token: _, ...noToken } = KF_EVENT_FIELDS;
    expect(() => classifyCallbackEvent(noToken)).toThrow(/Token/);
  });
});

describe('replay window', () => {
  it('reads WECOM_REPLAY_WINDOW_S: default 300, "0" turns it off, nonsense keeps the default', ({ expect }) => {
    expect(DEFAULT_REPLAY_WINDOW_S).toBe(300);
    expect(replayWindowSeconds(undefined)).toBe(300);
    expect(replayWindowSeconds('')).toBe(300);
    expect(replayWindowSeconds('60')).toBe(60);
    expect(replayWindowSeconds(' 60 ')).toBe(60);
    expect(replayWindowSeconds('0')).toBe(0);
    expect(replayWindowSeconds('-5')).toBe(300);
    expect(replayWindowSeconds('1e3')).toBe(300);
  });

  it('takes timestamps exactly at the edge on both sides and refuses one second beyond', ({ expect }) => {
    const now = 1_700_000_000_500; // half a second into 1700000000
    expect(withinReplayWindow(1_700_000_000 - 300, now, 300)).toBe(true);
    expect(withinReplayWindow(1_700_000_000 + 300, now, 300)).toBe(true);
    expect(withinReplayWindow(1_700_000_000 - 301, now, 300)).toBe(false);
    expect(withinReplayWindow(1_700_000_000 + 301, now, 300)).toBe(false);
  });

  it('is off with a window of 0, even for a timestamp from 2014', ({ expect }) => {
    expect(withinReplayWindow(1409659813, 1_700_000_000_000, 0)).toBe(true);
  });
});
