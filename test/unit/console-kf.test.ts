import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/console/api/api-error';
import { accountProblems, formProblems, servicerChange, servicerLines, servicerStatus } from '../../src/console/logic/kf-accounts';
import { wecomRefusal } from '../../src/console/logic/refusal';
import { wecomRefusal as serverRefusal } from '../../src/admin/wecom-refusal';
import { errcodeHelp } from '../../src/wecom/errcode-help';
import { WecomApiError } from '../../src/wecom/errors';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('a kf account form, checked by the server rules before upload', () => {
  it('takes a 1-16 character name and a PNG or JPG by its bytes, whatever its declared type', async () => {
    expect(await accountProblems('售前客服', new Blob([PNG], { type: 'application/octet-stream' }))).toEqual({});
    expect(await accountProblems(undefined, undefined)).toEqual({});
  });

  it('refuses an empty or too long name, a GIF named .png, an empty file and one over 2 MiB', async () => {
    expect((await accountProblems('  ', undefined)).name).toContain('不能为空');
    expect((await accountProblems('一二三四五六七八九十一二三四五六七', undefined)).name).toContain('最多 16 个字符');
    expect((await accountProblems(undefined, new Blob(['GIF89a-not-a-png'], { type: 'image/png' }))).avatar).toContain('JPG 或 PNG');
    expect((await accountProblems(undefined, new Blob([]))).avatar).toContain('为空');
    expect((await accountProblems(undefined, new Blob([PNG, new Uint8Array(2 * 1024 * 1024)]))).avatar).toContain('2 MiB');
  });

  it("puts the admin API's 400 issues at the name and avatar fields", () => {
    expect(
      formProblems([
        { code: 'custom', path: ['name'], message: '客服名称不能为空' },
        { code: 'invalid_avatar', path: ['avatar'], message: 'a' },
        { code: 'invalid_avatar', path: ['avatar'], message: 'b' },
        { code: 'other', path: [], message: 'elsewhere' },
      ]),
    ).toEqual({ name: '客服名称不能为空', avatar: 'a；b' });
  });
});

describe('servicers', () => {
  it('reads userids one a line and department ids by spaces or commas, naming what is not an id', () => {
    expect(servicerChange(' zhangsan \n\nlisi\n', '2, 5，x 0')).toEqual({ userid_list: ['zhangsan', 'lisi'], department_id_list: [2, 5], bad: ['x', '0'] });
  });

  it('says per item what WeCom answered, with the fix for a failure', () => {
    const help = errcodeHelp(60111, 'userid not found');
    expect(
      servicerLines([
        { userid: 'zhangsan', ok: true, errcode: 0, message: '成功' },
        { userid: 'nobody', ok: false, errcode: 60111, message: help.message, fix: help.fix },
        { department_id: 9, ok: false, errcode: 60123, message: '部门 ID 不存在' },
      ]),
    ).toEqual([
      { ok: true, text: 'zhangsan：成功' },
      { ok: false, text: `nobody：${help.message}（errcode 60111）`, fix: help.fix },
      { ok: false, text: '部门 9：部门 ID 不存在（errcode 60123）' },
    ]);
    expect([servicerStatus({ userid: 'a', status: 0 }), servicerStatus({ userid: 'b', status: 1 }), servicerStatus({ department_id: 2 })]).toEqual(['接待中', '停止接待', '部门']);
  });
});

describe("WeCom's refusal as the console shows it", () => {
  it('splits the server message into what happened and the fix, with the errcode', () => {
    const server = serverRefusal(new WecomApiError(95017, 'api switch is off', '/cgi-bin/kf/account/list', false, 'errcode'));
    const refusal = wecomRefusal(new ApiError(502, server.code, server.message, server.issues));
    const help = errcodeHelp(95017, '');
    expect(refusal).toEqual({ message: help.message, errcode: 95017, fix: help.fix });
  });

  it('is null for any other error', () => {
    expect(wecomRefusal(new ApiError(400, 'invalid_input', 'bad'))).toBeNull();
    expect(wecomRefusal(new Error('x'))).toBeNull();
  });
});
