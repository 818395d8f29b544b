import { z } from 'zod';
import { ConfigSchema } from '../rules/config';
import { VERSION } from '../version';
import type { Role } from './auth';
import { ChannelLinkSchema, ChannelSnippetsSchema } from './channels';
import { PutConfigAnswerSchema, ValidateAnswerSchema, VersionMetaSchema } from './config';
import { ConversationViewSchema, OutboxAnswerSchema } from './conversations';
import { CorpsAnswerSchema, InstallLinkAnswerSchema, InstallLinkRequestSchema } from './corps';
import { FailedDeliveriesAnswerSchema, MAX_FAILED_DELIVERIES } from './deliveries';
import { DiagnosticsAnswerSchema } from './diagnostics';
import { ErrorBodySchema } from './errors';
import { BehaviorEventRequestSchema, BehaviorEventSchema } from './events';
import {
  CreatedKfAccountSchema,
  CreateKfAccountSchema,
  KfAccountsAnswerSchema,
  ServicerChangeAnswerSchema,
  ServicerChangeSchema,
  ServicersAnswerSchema,
  UpdateKfAccountSchema,
} from './kf-accounts';
import { TryAnswerSchema, TryBodySchema } from './knowledge';
import {
  AcceptAnswerSchema,
  AcceptSuggestionSchema,
  DismissAnswerSchema,
  SUGGESTION_ROWS_READ,
  SuggestionDetailSchema,
  SuggestionPageSchema,
} from './suggestions';
import { CreateLinkSchema, LinkSchema } from './links';
import { METRICS_MAX_EVENTS, MetricsAnswerSchema } from './metrics';
import { ReceptionAnswerSchema } from './reception';
import { CompareAnswerSchema, ReleaseAnswerSchema, ReleaseRequestSchema } from './release';
import { CreatedTokenSchema, CreateTokenSchema, TokenMetaSchema } from './tokens';
import { CustomerExportSchema, ErasureAnswerSchema, TagChangeSchema, TaggedUserSchema, UserPageSchema, UserSchema } from './users';
import { ViolationPageSchema } from './violations';

/**
 * The OpenAPI 3.1 description of the admin API, generated from the same zod schemas the routes
 * validate with, so the document cannot drift from what the API accepts.
 */

type JsonSchema = Record<string, unknown>;

function json(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: errorText[s] ?? 'error', content: { 'application/json': { schema: errorRef } } }]));
const errorText: Record<number, string> = {
  400: 'invalid input (`invalid_input` with zod issues at exact paths, `invalid_json` with none, `invalid_form` for a body that is not multipart/form-data where one is needed)',
  401: 'no, unknown or revoked token',
  403: 'the token\'s role is too low',
  404: 'not found',
  409: 'conflicts with the current state',
  413: 'body too large',
  429: 'storage is busy (KV write limit, D1 overloaded); retry after Retry-After',
  502: 'WeCom refused the call (`wecom_error`): the message says in Chinese what to do; issues[0] carries WeCom\'s errcode, errmsg and the fix',
};

interface Op {
  summary: string;
  role: Role;
  body?: JsonSchema;
  /** A multipart/form-data body instead of JSON (file uploads). */
  multipart?: JsonSchema;
  params?: { name: string; in: 'path' | 'query'; schema?: JsonSchema; description?: string }[];
  ok: { status: number; schema?: JsonSchema; description?: string; contentType?: string };
  errors?: number[];
}

function op(o: Op): Record<string, unknown> {
  const writes = o.body !== undefined || o.multipart !== undefined;
  const content = o.multipart !== undefined ? { 'multipart/form-data': { schema: o.multipart } } : { 'application/json': { schema: o.body } };
  return {
    summary: o.summary,
    'x-required-role': o.role,
    security: [{ bearer: [] }],
    ...(o.params ? { parameters: o.params.map((p) => ({ name: p.name, in: p.in, required: p.in === 'path', schema: p.schema ?? { type: 'string' }, ...(p.description ? { description: p.description } : {}) })) } : {}),
    ...(writes ? { requestBody: { required: true, content } } : {}),
    responses: {
      [String(o.ok.status)]: {
        description: o.ok.description ?? 'ok',
        ...(o.ok.schema ? { content: { [o.ok.contentType ?? 'application/json']: { schema: o.ok.schema } } } : {}),
      },
      ...errors(401, 403, ...(writes ? [400, 413, 429] : []), ...(o.errors ?? [])),
    },
  };
}

const page = [
  { name: 'limit', in: 'query' as const, schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
  { name: 'cursor', in: 'query' as const, description: 'the next_cursor of the previous page' },
];
const range = [
  { name: 'from', in: 'query' as const, schema: { type: 'integer', minimum: 0 }, description: 'inclusive, ms; default `to` minus 7 days' },
  { name: 'to', in: 'query' as const, schema: { type: 'integer', minimum: 0 }, description: 'exclusive, ms; default now' },
  { name: 'open_kfid', in: 'query' as const, description: 'one kf account; all when absent' },
  {
    name: 'limit',
    in: 'query' as const,
    schema: { type: 'integer', minimum: 1, maximum: METRICS_MAX_EVENTS, default: METRICS_MAX_EVENTS },
    description: 'the most timeline events read; past it `truncated` is true and the figures cover the earliest events up to `covered_to`',
  },
];
const path = (name: string, description?: string) => ({ name, in: 'path' as const, ...(description ? { description } : {}) });

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'wecom-kefu-edge admin API',
      version: VERSION,
      description:
        'Bearer tokens with roles admin > operator > viewer. Errors: {error: {code, message, issues}}. Times are milliseconds since the epoch (UTC).',
    },
    servers: [{ url: '/admin/api' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: json(ErrorBodySchema), Config: json(ConfigSchema, 'input') },
    },
    paths: {
      '/tokens': {
        post: op({ summary: 'Create a token (answered once; stored hashed)', role: 'admin', body: json(CreateTokenSchema, 'input'), ok: { status: 201, schema: json(CreatedTokenSchema) } }),
        get: op({ summary: 'List tokens (no secrets)', role: 'admin', ok: { status: 200, schema: json(z.object({ items: z.array(TokenMetaSchema) })) } }),
      },
      '/tokens/{id}': {
        delete: op({ summary: 'Revoke a token', role: 'admin', params: [path('id')], ok: { status: 200, schema: json(TokenMetaSchema) }, errors: [404] }),
      },
      '/config': {
        get: op({ summary: 'The stable config document, as submitted', role: 'viewer', ok: { status: 200, schema: { $ref: '#/components/schemas/Config' } }, errors: [404] }),
        put: op({
          summary: 'Validate and store a new immutable version (the first becomes stable)',
          role: 'operator',
          params: [{ name: 'note', in: 'query', description: 'why this version (kept with it)' }],
          body: { $ref: '#/components/schemas/Config' },
          ok: { status: 200, schema: json(PutConfigAnswerSchema) },
        }),
      },
      '/config/validate': {
        post: op({ summary: 'Dry run of PUT /config', role: 'operator', body: { $ref: '#/components/schemas/Config' }, ok: { status: 200, schema: json(ValidateAnswerSchema) } }),
      },
      '/config/versions': {
        get: op({ summary: 'Stored versions, newest first', role: 'viewer', ok: { status: 200, schema: json(z.object({ items: z.array(VersionMetaSchema) })) } }),
      },
      '/config/versions/{n}': {
        get: op({ summary: 'One stored version with its document', role: 'viewer', params: [path('n')], ok: { status: 200 }, errors: [400, 404] }),
      },
      '/release': {
        get: op({ summary: 'The gray release state', role: 'viewer', ok: { status: 200, schema: json(ReleaseAnswerSchema) } }),
        post: op({ summary: 'Release a version: shadow, internal, percent, or full (stable at once)', role: 'admin', body: json(ReleaseRequestSchema, 'input'), ok: { status: 200, schema: json(ReleaseAnswerSchema) }, errors: [404, 409] }),
      },
      '/release/compare': {
        get: op({
          summary:
            'Figures per release variant (fallback, handoff, answer rates, satisfaction, with counts), each side counting only the version it holds now; at the shadow stage `differences` counts the turns where the candidate would have decided otherwise',
          role: 'viewer',
          params: range,
          ok: { status: 200, schema: json(CompareAnswerSchema) },
          errors: [400],
        }),
      },
      '/release/rollback': {
        post: op({ summary: 'Cancel the candidate: everyone back on stable', role: 'admin', ok: { status: 200, schema: json(ReleaseAnswerSchema) }, errors: [409] }),
      },
      '/users': {
        get: op({ summary: 'Customers, optionally with a tag, paginated', role: 'viewer', params: [{ name: 'tag', in: 'query' }, ...page], ok: { status: 200, schema: json(UserPageSchema) }, errors: [400] }),
      },
      '/users/{external_userid}': {
        get: op({ summary: 'One customer with tags and provenance', role: 'viewer', params: [path('external_userid')], ok: { status: 200, schema: json(UserSchema) }, errors: [404] }),
        delete: op({
          summary:
            'PIPL right to delete: erase the customer from D1 and every conversation (servicer slot released), audited in `erasures` by the SHA-256 of the id; a repeat answers zeros; `complete: false` means repeat it',
          role: 'admin',
          params: [path('external_userid')],
          ok: { status: 200, schema: json(ErasureAnswerSchema) },
          errors: [400],
        }),
      },
      '/users/{external_userid}/export': {
        get: op({
          summary: 'PIPL right of access: the profile, tags with provenance, behaviour events, violations and every conversation’s timeline as one document',
          role: 'admin',
          params: [path('external_userid')],
          ok: { status: 200, schema: json(CustomerExportSchema) },
          errors: [400, 404],
        }),
      },
      '/users/{external_userid}/tags': {
        post: op({ summary: 'Add and remove tags (source manual); creates an unknown customer', role: 'operator', params: [path('external_userid')], body: json(TagChangeSchema, 'input'), ok: { status: 200, schema: json(TaggedUserSchema) } }),
      },
      '/violations': {
        get: op({ summary: 'Intercepted sensitive content, masked, newest first', role: 'viewer', params: page, ok: { status: 200, schema: json(ViolationPageSchema) }, errors: [400] }),
      },
      '/events': {
        post: op({ summary: 'Record a behaviour event (campaign join …) for tag automation', role: 'operator', body: json(BehaviorEventRequestSchema, 'input'), ok: { status: 201, schema: json(BehaviorEventSchema) } }),
      },
      '/links': {
        post: op({ summary: 'Create a tracked link (/l/<id>; the bot signs it for each customer it sends it to)', role: 'operator', body: json(CreateLinkSchema, 'input'), ok: { status: 201, schema: json(LinkSchema) } }),
        get: op({ summary: 'Tracked links', role: 'viewer', ok: { status: 200, schema: json(z.object({ items: z.array(LinkSchema) })) } }),
      },
      '/channels/{code}/link': {
        post: op({ summary: "Makes the channel's kf link once (add_contact_way with scene = code, cached) and answers it", role: 'operator', params: [path('code')], ok: { status: 200, schema: json(ChannelLinkSchema) }, errors: [404, 409, 502] }),
        get: op({ summary: "A channel's kf link made before (scene = code, scene_param from params); 404 until POST made it", role: 'viewer', params: [path('code')], ok: { status: 200, schema: json(ChannelLinkSchema) }, errors: [404, 409] }),
      },
      '/channels/{code}/qr.svg': {
        get: op({ summary: "The channel's kf link as a QR code (404 until POST …/link made it)", role: 'viewer', params: [path('code')], ok: { status: 200, contentType: 'image/svg+xml', schema: { type: 'string' } }, errors: [404, 409] }),
      },
      '/channels/{code}/snippets': {
        get: op({ summary: 'The web <script> (widget.js) and the mini-program wx.openCustomerServiceChat call for a channel', role: 'viewer', params: [path('code')], ok: { status: 200, schema: json(ChannelSnippetsSchema) }, errors: [404, 409] }),
      },
      '/kf/accounts': {
        get: op({ summary: 'The kf accounts (every page of kf/account/list)', role: 'viewer', ok: { status: 200, schema: json(KfAccountsAnswerSchema) }, errors: [502] }),
        post: op({
          summary: 'Create a kf account: the avatar (JPG or PNG by content, at most 2 MiB) goes through media/upload, then kf/account/add',
          role: 'operator',
          multipart: json(CreateKfAccountSchema, 'input'),
          ok: { status: 201, schema: json(CreatedKfAccountSchema) },
          errors: [502],
        }),
      },
      '/kf/accounts/{open_kfid}': {
        patch: op({ summary: 'Rename a kf account and/or change its avatar (kf/account/update)', role: 'operator', params: [path('open_kfid')], multipart: json(UpdateKfAccountSchema, 'input'), ok: { status: 200, schema: json(CreatedKfAccountSchema) }, errors: [502] }),
      },
      '/kf/accounts/{open_kfid}/servicers': {
        get: op({ summary: "A kf account's servicers (users with status 0 接待中 / 1 停止接待, and departments)", role: 'viewer', params: [path('open_kfid')], ok: { status: 200, schema: json(ServicersAnswerSchema) }, errors: [400, 502] }),
        post: op({ summary: 'Add servicers; each userid and department succeeds or fails on its own', role: 'operator', params: [path('open_kfid')], body: json(ServicerChangeSchema, 'input'), ok: { status: 200, schema: json(ServicerChangeAnswerSchema) }, errors: [502] }),
        delete: op({ summary: 'Remove servicers; each userid and department succeeds or fails on its own', role: 'operator', params: [path('open_kfid')], body: json(ServicerChangeSchema, 'input'), ok: { status: 200, schema: json(ServicerChangeAnswerSchema) }, errors: [502] }),
      },
      '/corps': {
        get: op({ summary: 'Many-corps mode: the corps that authorized the suite, with their state (404 suite_mode_off when WECOM_SUITE_ID is unset)', role: 'admin', ok: { status: 200, schema: json(CorpsAnswerSchema) }, errors: [404, 503] }),
      },
      '/corps/install-link': {
        post: op({ summary: 'Many-corps mode: a fresh 3rdapp/install link (a new pre-auth code, valid 1200 s) for a corp admin to authorize the suite; `test` installs an unpublished app', role: 'admin', body: json(InstallLinkRequestSchema, 'input'), ok: { status: 200, schema: json(InstallLinkAnswerSchema) }, errors: [404, 502, 503] }),
      },
      '/diagnostics': {
        get: op({ summary: 'Setup checks (secrets, gettoken, kf API switch, trusted IP, callbacks, clock skew, config warnings), each with what to do in Chinese', role: 'operator', ok: { status: 200, schema: json(DiagnosticsAnswerSchema) } }),
      },
      '/metrics': {
        get: op({
          summary: `Service figures over a time range from the conversation timelines (bot replies never count as human responses; the shadow candidate's silent decisions never count); at most ${METRICS_MAX_EVENTS} events per request`,
          role: 'viewer',
          params: range,
          ok: { status: 200, schema: json(MetricsAnswerSchema) },
          errors: [400],
        }),
      },
      '/conversations/{open_kfid}/{external_userid}': {
        get: op({ summary: 'One conversation: state, group, servicer, context, timeline', role: 'viewer', params: [path('open_kfid'), path('external_userid')], ok: { status: 200, schema: json(ConversationViewSchema) }, errors: [400] }),
      },
      '/conversations/{open_kfid}/{external_userid}/outbox': {
        get: op({ summary: "One conversation's outbox: sent, pending (next try) and given up (why)", role: 'viewer', params: [path('open_kfid'), path('external_userid')], ok: { status: 200, schema: json(OutboxAnswerSchema) }, errors: [400] }),
      },
      '/knowledge/try': {
        post: op({ summary: 'The knowledge decision (answer, clarify, fallback, small talk) a new customer would get for a text on the stable version, with its reasons', role: 'viewer', body: json(TryBodySchema, 'input'), ok: { status: 200, schema: json(TryAnswerSchema) } }),
      },
      '/knowledge/suggestions': {
        get: op({
          summary: `What customers asked that the bot was unsure of (fallbacks, clarifications, answers below understanding.review_below), masked and clustered on the stable version, the biggest cluster first, each with the entry it most resembles (the one customers clicked in clarification menus wins); the newest ${SUGGESTION_ROWS_READ} open questions are read per request (\`truncated\` beyond)`,
          role: 'viewer',
          params: page,
          ok: { status: 200, schema: json(SuggestionPageSchema) },
          errors: [400],
        }),
      },
      '/knowledge/suggestions/{id}': {
        get: op({ summary: 'One suggestion with every phrasing and its count', role: 'viewer', params: [path('id')], ok: { status: 200, schema: json(SuggestionDetailSchema) }, errors: [400, 404] }),
      },
      '/knowledge/suggestions/{id}/accept': {
        post: op({
          summary:
            'Add the suggestion’s phrasings (or the chosen `questions`) to a knowledge entry as similar questions, in a new config version built on `base_version` (default: the newest); live only once released with POST /release. Phrasings an entry already asks are skipped. The suggestion is no longer offered.',
          role: 'operator',
          params: [path('id')],
          body: json(AcceptSuggestionSchema, 'input'),
          ok: { status: 200, schema: json(AcceptAnswerSchema) },
          errors: [404, 409],
        }),
      },
      '/knowledge/suggestions/{id}/dismiss': {
        post: op({ summary: 'Stop offering the suggestion (its questions stay until retention purges them)', role: 'operator', params: [path('id')], ok: { status: 200, schema: json(DismissAnswerSchema) }, errors: [400, 404] }),
      },
      '/deliveries/failed': {
        get: op({
          summary: 'Replies and transfers given up on (refused, past bot.max_delivery_age_seconds) or reported undelivered by msg_send_fail, across conversations, oldest first',
          role: 'viewer',
          params: range.map((p) => (p.name === 'limit' ? { ...p, schema: { type: 'integer', minimum: 1, maximum: MAX_FAILED_DELIVERIES, default: MAX_FAILED_DELIVERIES }, description: 'the most items' } : p)),
          ok: { status: 200, schema: json(FailedDeliveriesAnswerSchema) },
          errors: [400],
        }),
      },
      '/reception/{open_kfid}': {
        get: op({ summary: "A kf account's reception: servicers on duty and their loads, the queue, and the bot's circuit breaker", role: 'viewer', params: [path('open_kfid')], ok: { status: 200, schema: json(ReceptionAnswerSchema) }, errors: [400] }),
      },
    },
  };
  return cached;
}
