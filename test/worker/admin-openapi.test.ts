import { SELF } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminApi } from '../../src/admin/app';
import { roles, type Role } from '../../src/admin/auth';
import { api, migrate, resetStorage, tokenFor } from './support/admin';

/**
 * The OpenAPI document is generated from the route declarations: every route the admin app
 * mounts is in it with its least role, and that role is the one enforced. Bodies are read as the
 * admin API always read them.
 */

beforeAll(migrate);
beforeEach(resetStorage);

interface Operation {
  'x-required-role'?: Role;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }>; $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> };
}

async function document(): Promise<Document> {
  const r = await SELF.fetch('http://edge.test/admin/api/openapi.json');
  expect(r.status).toBe(200);
  return (await r.json()) as Document;
}

/** `METHOD /path/{param}` of every route the admin app serves, besides the document itself and the 404 for the rest. */
function mountedRoutes(): string[] {
  const routes = createAdminApi()
    .routes.filter((r) => r.method !== 'ALL' && r.path !== '/openapi.json')
    .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

function documentedRoutes(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

describe('the generated document', () => {
  it('declares every mounted route, and only those, each with its least role and the bearer scheme', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    const documented = documentedRoutes(doc);
    expect(documented.map(([route]) => route).sort()).toEqual(mountedRoutes());
    for (const [route, op] of documented) {
      expect(roles, route).toContain(op['x-required-role']);
      expect(op.security, route).toEqual([{ bearer: [] }, { session: [] }]);
      for (const status of ['401', '403']) expect(op.responses[status]?.content?.['application/json']?.schema.$ref, `${route} ${status}`).toBe('#/components/schemas/Error');
    }
    expect(mountedRoutes().length).toBeGreaterThan(40);
  });

  it('each role reaches exactly the routes at or below the role the document names', async () => {
    const doc = await document();
    const tokens = { viewer: (await tokenFor('viewer')).token, operator: (await tokenFor('operator')).token, admin: (await tokenFor('admin')).token };
    for (const [route, op] of documentedRoutes(doc)) {
      const [method, template] = route.split(' ') as [string, string];
      // Any value fits: the role is checked before the parameters and the body.
      const path = template.replace(/\{[^}]+\}/g, 'x1');
      for (const role of roles) {
        const r = await api(method, path, { token: tokens[role] });
        if (rank[role] < rank[op['x-required-role']!]) expect(r.body.error?.code, `${role} ${route}`).toBe('forbidden');
        else expect([401, 403], `${role} ${route} → ${r.status}`).not.toContain(r.status);
      }
    }
  });

  it('describes bodies, parameters and components from the zod schemas', async () => {
    const doc = await document();
    // Uploads are described as multipart, with the avatar as a binary file.
    const create = doc.paths['/kf/accounts']!.post!;
    expect(create['x-required-role']).toBe('operator');
    expect(create.requestBody!.content['multipart/form-data']!.schema.properties!.avatar!.format).toBe('binary');
    expect(doc.paths['/users']!.get!.parameters!.map((p) => p.name)).toEqual(['limit', 'cursor', 'tag']);
    expect(doc.paths['/users/{external_userid}/tags']!.post!.parameters).toEqual([expect.objectContaining({ name: 'external_userid', in: 'path' })]);
    expect(doc.paths['/config']!.put!.requestBody!.content['application/json']!.schema.$ref).toBe('#/components/schemas/Config');
    expect(Object.keys(doc.components.schemas.Config!.properties!)).toEqual(expect.arrayContaining(['tag_rules', 'channels', 'links', 'groups', 'routing', 'intents', 'knowledge']));
    expect(Object.keys(doc.components.schemas.Error!.properties!)).toEqual(['error']);
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'wk_session' } });
  });
});

describe('bodies and parameters of declared routes', () => {
  const link = { url: 'https://example.com/', name: 'spring' };

  it('a JSON body is read whatever Content-Type it came with (curl -d sends a form type)', async () => {
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8']) {
      const r = await SELF.fetch('http://edge.test/admin/api/links', {
        method: 'POST',
        headers: { authorization: `Bearer ${(await tokenFor('operator')).token}`, ...(type ? { 'content-type': type } : {}) },
        body: JSON.stringify(link),
      });
      expect(r.status, String(type)).toBe(201);
    }
  });

  it('a body past its limit is 413, malformed JSON invalid_json, a bad value invalid_input at its path', async () => {
    expect((await api('POST', '/links', { raw: JSON.stringify({ ...link, name: 'x'.repeat(70 * 1024) }) })).body.error.code).toBe('payload_too_large');
    expect((await api('POST', '/links', { raw: '{"url":' })).body).toEqual({ error: { code: 'invalid_json', message: expect.any(String), issues: [] } });
    const bad = await api('POST', '/links', { body: { ...link, url: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: ['url'] })] });
  });

  it('a multipart body is read with any parameters its type carries, and refused at the field it is about', async () => {
    const boundary = 'b 1';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n售后客服\r\n--${boundary}--\r\n`;
    const r = await SELF.fetch('http://edge.test/admin/api/kf/accounts', {
      method: 'POST',
      headers: { authorization: `Bearer ${(await tokenFor('operator')).token}`, 'content-type': `multipart/form-data; charset=utf-8; boundary="${boundary}"` },
      body,
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string; issues: { path: unknown[] }[] } }).error).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: ['avatar'] })] });
  });

  it('a bad path parameter is invalid_input at its name, a bad query value at its own', async () => {
    const param = await api('GET', `/users/${'x'.repeat(300)}`);
    expect(param.status).toBe(400);
    expect(param.body.error).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: ['external_userid'] })] });
    const query = await api('GET', '/users?limit=0');
    expect(query.body.error).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: ['limit'] })] });
  });
});
