import type { Context } from 'hono';
import { z } from 'zod';
import { corpWecomApi } from '../objects/corp-api';
import type { ServicerChange, UploadFile, WecomApi } from '../wecom/api';
import { corpEnv } from './tenant';
import { errcodeHelp } from '../wecom/errcode-help';
import { listAllPages } from '../wecom/kf-accounts';
import type { ServicerResultAnswer } from '../wecom/types';
import { AVATAR_MAX_BYTES, AVATAR_TOO_LARGE, avatarProblem, kfNameProblem, SERVICER_BATCH_MAX, sniffImage } from '../wecom/kf-limits';
import type { AdminEnv } from './auth';
import { invalidInput } from './errors';
import { OpenKfidSchema } from './input';
import { adminApp, adminRoute, formBody, jsonAnswer, jsonBody, readFormBody } from './route';
import { viaWecom } from './wecom-refusal';

/**
 * `/admin/api/kf/accounts`: the corp's kf accounts and their servicers, managed through WeCom's
 * API (kf/account/*, kf/servicer/*, media/upload). Reads need viewer; changes need operator, as
 * changing the config does: they change what customers meet. Input WeCom would refuse is a 400
 * here first; WeCom's own refusals are 502 with the errcode and what to do (./wecom-refusal.ts).
 */

const KfNameSchema = z.string().superRefine((name, ctx) => {
  const problem = kfNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const AvatarFileSchema = z.file({ error: '头像须为上传的图片文件 / avatar must be an uploaded image file' }).meta({ type: 'string', format: 'binary' });

/** multipart/form-data: `name` and the `avatar` image (JPG or PNG by content, at most 2 MiB). */
export const CreateKfAccountSchema = z.strictObject({ name: KfNameSchema, avatar: AvatarFileSchema });
/** multipart/form-data: a new `name`, a new `avatar`, or both. */
export const UpdateKfAccountSchema = z
  .strictObject({ name: KfNameSchema.optional(), avatar: AvatarFileSchema.optional() })
  .refine((b) => b.name !== undefined || b.avatar !== undefined, { error: '请提供新的名称或头像 / give a name, an avatar, or both' });

export const KfAccountSchema = z.object({ open_kfid: z.string(), name: z.string(), avatar: z.string() });
export const KfAccountsAnswerSchema = z.object({ accounts: z.array(KfAccountSchema) });
export const CreatedKfAccountSchema = z.object({ open_kfid: z.string() });

export const ServicerSchema = z.object({
  userid: z.string().optional(),
  department_id: z.number().int().optional(),
  /** Users only: 0 接待中, 1 停止接待. */
  status: z.number().int().optional(),
});
export const ServicersAnswerSchema = z.object({ servicer_list: z.array(ServicerSchema) });

export const ServicerChangeSchema = z
  .strictObject({
    userid_list: z.array(z.string().regex(/^[0-9A-Za-z_@.-]{1,64}$/, { error: 'must be a WeCom userid' })).max(SERVICER_BATCH_MAX).optional(),
    department_id_list: z.array(z.number().int().positive()).max(SERVICER_BATCH_MAX).optional(),
  })
  .refine((b) => (b.userid_list?.length ?? 0) + (b.department_id_list?.length ?? 0) > 0, {
    error: '请至少提供一个成员或部门 / give userid_list or department_id_list',
  });

/** One userid or department of a servicer change: WeCom answers each on its own. */
export const ServicerResultSchema = z.object({
  userid: z.string().optional(),
  department_id: z.number().int().optional(),
  ok: z.boolean(),
  errcode: z.number().int(),
  /** In Chinese: what happened, and for a failure what to do. */
  message: z.string(),
  fix: z.string().optional(),
});
export const ServicerChangeAnswerSchema = z.object({
  /** False when any item failed: the others were applied. */
  ok: z.boolean(),
  results: z.array(ServicerResultSchema),
});

/** The avatar plus the rest of a form; past it the avatar is what is too big. */
const FORM_LIMIT = AVATAR_MAX_BYTES + 64 * 1024;

const avatarIssue = (message: string) => invalidInput([{ code: 'invalid_avatar', path: ['avatar'], message }]);
/** The form is bounded before it is parsed; past the bound the avatar is what is too big. */
const accountForm = { body: readFormBody(FORM_LIMIT, () => avatarIssue(AVATAR_TOO_LARGE)), errors: [502] };

/** The avatar file the form's schema accepted, checked by its bytes: named and typed by what they are, not by what the browser said. */
async function avatarUpload(file: z.infer<typeof AvatarFileSchema>): Promise<UploadFile> {
  // z.file() checked that it is a File; zod's type for it leaves the methods out.
  const bytes = new Uint8Array(await (file as File).arrayBuffer());
  const problem = avatarProblem(bytes);
  if (problem) throw avatarIssue(problem);
  const png = sniffImage(bytes) === 'png';
  return { bytes, filename: png ? 'avatar.png' : 'avatar.jpg', contentType: png ? 'image/png' : 'image/jpeg' };
}

export async function listKfAccounts(api: WecomApi): Promise<z.infer<typeof KfAccountSchema>[]> {
  const all = await listAllPages(async (offset, limit) => (await api.accountList({ offset, limit })).account_list);
  return all.map((a) => ({ open_kfid: a.open_kfid, name: a.name ?? '', avatar: a.avatar ?? '' }));
}

function servicerResults(answer: ServicerResultAnswer): z.infer<typeof ServicerChangeAnswerSchema> {
  const results = answer.result_list.map((r) => {
    const who = { ...(r.userid !== undefined ? { userid: r.userid } : {}), ...(r.department_id !== undefined ? { department_id: r.department_id } : {}) };
    if (r.errcode === 0) return { ...who, ok: true, errcode: 0, message: '成功' };
    const help = errcodeHelp(r.errcode, r.errmsg);
    return { ...who, ok: false, errcode: r.errcode, message: help.message, fix: help.fix };
  });
  return { ok: results.every((r) => r.ok), results };
}

const KfidParamSchema = z.object({ open_kfid: OpenKfidSchema });

async function changeServicers(c: Context<AdminEnv>, req: ServicerChange, call: (api: WecomApi, req: ServicerChange) => Promise<ServicerResultAnswer>) {
  const api = corpWecomApi(corpEnv(c));
  return c.json(servicerResults(await viaWecom(() => call(api, req))));
}

const servicerChange = (method: 'post' | 'delete', summary: string) =>
  adminRoute(
    'operator',
    { method, path: '/{open_kfid}/servicers', summary, request: { params: KfidParamSchema, body: jsonBody(ServicerChangeSchema) }, responses: { 200: jsonAnswer(ServicerChangeAnswerSchema) } },
    { errors: [502] },
  );

export const kfAccountRoutes = adminApp()
  .openapi(
    adminRoute('viewer', { method: 'get', path: '/', summary: 'The kf accounts (every page of kf/account/list)', responses: { 200: jsonAnswer(KfAccountsAnswerSchema) } }, { errors: [502] }),
    async (c) => c.json({ accounts: await viaWecom(() => listKfAccounts(corpWecomApi(corpEnv(c)))) }),
  )
  .openapi(
    adminRoute(
      'operator',
      {
        method: 'post',
        path: '/',
        summary: 'Create a kf account: the avatar (JPG or PNG by content, at most 2 MiB) goes through media/upload, then kf/account/add',
        request: { body: formBody(CreateKfAccountSchema) },
        responses: { 201: jsonAnswer(CreatedKfAccountSchema) },
      },
      accountForm,
    ),
    async (c) => {
      const { name, avatar } = c.req.valid('form');
      const upload = await avatarUpload(avatar);
      const api = corpWecomApi(corpEnv(c));
      // Uploaded just before the add: the media_id lasts 3 days and is of no use on its own.
      const { media_id } = await viaWecom(() => api.uploadImage(upload));
      const { open_kfid } = await viaWecom(() => api.accountAdd({ name, media_id }));
      return c.json({ open_kfid }, 201);
    },
  )
  .openapi(
    adminRoute(
      'operator',
      {
        method: 'patch',
        path: '/{open_kfid}',
        summary: 'Rename a kf account and/or change its avatar (kf/account/update)',
        request: { params: KfidParamSchema, body: formBody(UpdateKfAccountSchema) },
        responses: { 200: jsonAnswer(CreatedKfAccountSchema) },
      },
      accountForm,
    ),
    async (c) => {
      const { open_kfid } = c.req.valid('param');
      const { name, avatar } = c.req.valid('form');
      const upload = avatar ? await avatarUpload(avatar) : undefined;
      const api = corpWecomApi(corpEnv(c));
      const media_id = upload ? (await viaWecom(() => api.uploadImage(upload))).media_id : undefined;
      await viaWecom(() => api.accountUpdate({ open_kfid, ...(name !== undefined ? { name } : {}), ...(media_id !== undefined ? { media_id } : {}) }));
      return c.json({ open_kfid });
    },
  )
  .openapi(
    adminRoute(
      'viewer',
      {
        method: 'get',
        path: '/{open_kfid}/servicers',
        summary: "A kf account's servicers (users with status 0 接待中 / 1 停止接待, and departments)",
        request: { params: KfidParamSchema },
        responses: { 200: jsonAnswer(ServicersAnswerSchema) },
      },
      { errors: [502] },
    ),
    async (c) => {
      const { open_kfid } = c.req.valid('param');
      const { servicer_list } = await viaWecom(() => corpWecomApi(corpEnv(c)).servicerList(open_kfid));
      return c.json({
        servicer_list: servicer_list.map((s) => ({
          ...(s.userid !== undefined ? { userid: s.userid } : {}),
          ...(s.department_id !== undefined ? { department_id: s.department_id } : {}),
          ...(s.status !== undefined ? { status: s.status } : {}),
        })),
      });
    },
  )
  .openapi(servicerChange('post', 'Add servicers; each userid and department succeeds or fails on its own'), (c) =>
    changeServicers(c, { ...c.req.valid('param'), ...c.req.valid('json') }, (api, req) => api.servicerAdd(req)),
  )
  .openapi(servicerChange('delete', 'Remove servicers; each userid and department succeeds or fails on its own'), (c) =>
    changeServicers(c, { ...c.req.valid('param'), ...c.req.valid('json') }, (api, req) => api.servicerDel(req)),
  );
