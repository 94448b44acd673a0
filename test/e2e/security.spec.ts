// Roles that hold, tried as an attacker would: no token, forged and expired tokens, an enterprise
// reaching across to other organisations, private fields, deep and wide queries, rate limits.
// The matrix covers every operation × role × own/other organisation.
import { SignJWT } from 'jose';
import { startTestApp, TestApp } from '../support/app';

type Role = 'ADMIN' | 'OFFICER' | 'ENTERPRISE';
const code = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;

describe('security (embedded store, seed graph)', () => {
  let api: TestApp;
  const tokens = {} as Record<'admin' | 'officer' | 'enterpriseWestwell', string>;

  beforeAll(async () => {
    api = await startTestApp();
    tokens.admin = api.adminToken;
    tokens.officer = await api.token('OFFICER');
    tokens.enterpriseWestwell = await api.token('ENTERPRISE', 'westwell');
  });
  afterAll(async () => api.close());

  describe('authentication', () => {
    const q = '{ organizations(first: 1) { totalCount } }';
    it('refuses a request without a token, with a forged, a malformed or an expired one', async () => {
      expect(code(await api.gqlAs(null, q))).toBe('UNAUTHENTICATED');
      expect(code(await api.gqlAs(null, '{ __schema { types { name } } }'))).toBe(
        'UNAUTHENTICATED',
      );
      const forged = await new SignJWT({ role: 'ADMIN' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setJti('j')
        .setIssuer('partner-matchmaking')
        .setAudience('partner-matchmaking-api')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough-0000'));
      expect(code(await api.gqlAs(forged, q))).toBe('UNAUTHENTICATED');
      const [h, p] = tokens.admin.split('.');
      expect(code(await api.gqlAs(`${h}.${p}.c2lnbmF0dXJl`, q))).toBe('UNAUTHENTICATED');
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
      expect(code(await api.gqlAs(none, q))).toBe('UNAUTHENTICATED');
      expect(code(await api.gqlAs('garbage', q))).toBe('UNAUTHENTICATED');
      const expired = await api.token('ADMIN', undefined, 1);
      await new Promise((r) => setTimeout(r, 2100));
      const r = await api.gqlAs(expired, q);
      expect(code(r)).toBe('UNAUTHENTICATED');
      expect(r.errors?.[0]?.message).toMatch(/expired/);
      expect(r.status).toBe(401);
    });

    it('leaves /health open', async () => {
      const res = await fetch(api.url.replace('/graphql', '/health/ready'));
      expect(res.status).toBe(200);
    });
  });

  describe('the role matrix', () => {
    // operation → [query, variables for own organisation (westwell), variables for another (gotion)]
    const ops: Record<
      string,
      { q: string; own: Record<string, unknown>; other: Record<string, unknown>; write?: boolean }
    > = {
      organization: {
        q: 'query($id: ID!) { organization(id: $id) { id name } }',
        own: { id: 'westwell' },
        other: { id: 'gotion' },
      },
      organizations: { q: '{ organizations(first: 2) { totalCount } }', own: {}, other: {} },
      sectors: { q: '{ sectors { id } }', own: {}, other: {} },
      ecosystemStats: { q: '{ ecosystemStats { organizationCount } }', own: {}, other: {} },
      matchSuggestions: {
        q: 'query($id: ID!) { matchSuggestions(organizationId: $id, first: 2) { score } }',
        own: { id: 'westwell' },
        other: { id: 'gotion' },
      },
      introductionPaths: {
        q: 'query($a: ID!, $b: ID!) { introductionPaths(fromId: $a, toId: $b) { hops } }',
        own: { a: 'westwell', b: 'gotion' },
        other: { a: 'gotion', b: 'westwell' },
      },
      updateOrganization: {
        q: 'mutation($id: ID!) { updateOrganization(id: $id, input: { website: "https://example.org" }) { id } }',
        own: { id: 'westwell' },
        other: { id: 'gotion' },
        write: true,
      },
      createOrganization: {
        q: 'mutation($id: ID!) { createOrganization(input: { id: $id, name: "Matrix probe", kind: OTHER }) { id } }',
        own: { id: 'matrix-probe' },
        other: { id: 'matrix-probe' },
        write: true,
      },
      deleteOrganization: {
        q: 'mutation($id: ID!) { deleteOrganization(id: $id) }',
        own: { id: 'westwell' },
        other: { id: 'gotion' },
        write: true,
      },
      connectOrganizations: {
        q: 'mutation($a: ID!, $b: ID!) { connectOrganizations(input: { fromId: $a, toId: $b, type: SUPPORTS }) { type } }',
        own: { a: 'westwell', b: 'cyberport' },
        other: { a: 'gotion', b: 'cyberport' },
        write: true,
      },
      disconnectOrganizations: {
        q: 'mutation($a: ID!, $b: ID!) { disconnectOrganizations(fromId: $a, toId: $b, type: SUPPORTS) }',
        own: { a: 'westwell', b: 'cyberport' },
        other: { a: 'gotion', b: 'cyberport' },
        write: true,
      },
      upsertPlace: {
        q: 'mutation { upsertPlace(input: { name: "Matrix Place", kind: SITE, within: "Hong Kong" }) { id } }',
        own: {},
        other: {},
        write: true,
      },
      auditTrail: {
        q: '{ auditTrail(first: 5) { edges { node { operation } } } }',
        own: {},
        other: {},
      },
      privateFields: {
        q: 'query($id: ID!) { organization(id: $id) { id internalNotes contacts { name } } }',
        own: { id: 'westwell' },
        other: { id: 'gotion' },
      },
    };
    // What an ENTERPRISE (bound to westwell) may do, own / other organisation.
    const enterprise: Record<string, [boolean, boolean]> = {
      organization: [true, true],
      organizations: [true, true],
      sectors: [true, true],
      ecosystemStats: [true, true],
      matchSuggestions: [true, false],
      introductionPaths: [true, false],
      updateOrganization: [true, false],
      createOrganization: [false, false],
      deleteOrganization: [false, false],
      connectOrganizations: [false, false],
      disconnectOrganizations: [false, false],
      upsertPlace: [false, false],
      auditTrail: [false, false],
      privateFields: [false, false],
    };
    const roles: [Role, keyof typeof tokens][] = [
      ['ADMIN', 'admin'],
      ['OFFICER', 'officer'],
      ['ENTERPRISE', 'enterpriseWestwell'],
    ];
    // Destructive operations last, so that they do not change what the others see.
    const order = Object.keys(ops).sort(
      (a, b) => Number(a === 'deleteOrganization') - Number(b === 'deleteOrganization'),
    );

    for (const [role, key] of roles) {
      for (const op of order) {
        for (const target of ['own', 'other'] as const) {
          const expected = role === 'ENTERPRISE' ? enterprise[op]![target === 'own' ? 0 : 1] : true;
          it(`${role} ${op} (${target} organisation): ${expected ? 'allowed' : 'FORBIDDEN'}`, async () => {
            const spec = ops[op]!;
            // Staff deletes act on throw-away organisations, not the seed's.
            let variables = spec[target];
            if (op === 'deleteOrganization' && role !== 'ENTERPRISE') {
              const id = `delete-me-${role}-${target}`.toLowerCase();
              await api.gql(
                'mutation($id: ID!) { createOrganization(input: { id: $id, name: "Delete me", kind: OTHER }) { id } }',
                { id },
              );
              variables = { id };
            }
            if (op === 'createOrganization')
              variables = { id: `matrix-${role}-${target}`.toLowerCase() };
            const r = await api.gqlAs(tokens[key], spec.q, variables);
            if (expected) {
              expect(r.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('FORBIDDEN');
              expect(r.errors?.map((e) => e.extensions?.code) ?? []).not.toContain(
                'UNAUTHENTICATED',
              );
            } else {
              expect(code(r)).toBe('FORBIDDEN');
              expect(r.errors?.[0]?.message).toBe('not allowed');
            }
          });
        }
      }
    }

    it('denies an enterprise the same way whether or not the target exists', async () => {
      const q = ops.matchSuggestions!.q;
      const exists = await api.gqlAs(tokens.enterpriseWestwell, q, { id: 'gotion' });
      const missing = await api.gqlAs(tokens.enterpriseWestwell, q, { id: 'no-such-organisation' });
      expect(exists.errors).toEqual(missing.errors);
    });

    it('keeps private fields from enterprises, also on their own organisation, and shows them to officers', async () => {
      const set = await api.gqlAs(
        tokens.officer,
        `mutation { updateOrganization(id: "westwell", input: { internalNotes: "Met CEO in May", contacts: [{ name: "Kay Yang", role: "CEO", email: "kay@example.com" }] }) { id internalNotes contacts { name email } } }`,
      );
      expect(set.errors).toBeUndefined();
      expect(set.data).toEqual({
        updateOrganization: {
          id: 'westwell',
          internalNotes: 'Met CEO in May',
          contacts: [{ name: 'Kay Yang', email: 'kay@example.com' }],
        },
      });
      const own = await api.gqlAs<{ organization: { id: string; internalNotes: unknown } }>(
        tokens.enterpriseWestwell,
        '{ organization(id: "westwell") { id name internalNotes } }',
      );
      expect(own.data?.organization.id).toBe('westwell');
      expect(own.data?.organization.internalNotes).toBeNull();
      expect(code(own)).toBe('FORBIDDEN');
      expect(JSON.stringify(own)).not.toContain('Met CEO');
      const write = await api.gqlAs(
        tokens.enterpriseWestwell,
        'mutation { updateOrganization(id: "westwell", input: { internalNotes: "mine" }) { id } }',
      );
      expect(code(write)).toBe('FORBIDDEN');
    });

    it('records every mutation in the audit trail, denied ones too', async () => {
      await api.gqlAs(tokens.enterpriseWestwell, 'mutation { deleteOrganization(id: "gotion") }');
      await api.gqlAs(
        tokens.officer,
        'mutation { upsertPlace(input: { name: "Audit Place", kind: SITE }) { id } }',
      );
      const r = await api.gqlAs<{
        auditTrail: {
          edges: {
            node: {
              actor: string;
              role: string;
              operation: string;
              targetIds: string[];
              outcome: string;
              at: string;
            };
          }[];
        };
      }>(
        tokens.officer,
        '{ auditTrail(first: 50) { edges { node { actor role operation targetIds outcome at } } } }',
      );
      expect(r.errors).toBeUndefined();
      const entries = r.data!.auditTrail.edges.map((e) => e.node);
      expect(
        entries.find((e) => e.operation === 'deleteOrganization' && e.role === 'ENTERPRISE'),
      ).toMatchObject({ targetIds: ['gotion'], outcome: 'FORBIDDEN', actor: 'test-enterprise' });
      expect(
        entries.find((e) => e.operation === 'upsertPlace' && e.role === 'OFFICER')?.outcome,
      ).toBe('OK');
      const at = entries.map((e) => e.at);
      expect([...at].sort().reverse()).toEqual(at);
    });
  });

  describe('hardened GraphQL', () => {
    it('refuses a query nested 15 deep before running it', async () => {
      let deep = 'id';
      for (let i = 0; i < 7; i++) deep = `relationships { from { ${deep} } }`;
      const r = await api.gql(`{ organization(id: "gotion") { ${deep} } }`);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBeDefined();
      expect(r.errors?.[0]?.message).toMatch(/depth/i);
    });

    it('refuses too many aliases, too costly queries, huge documents and batches', async () => {
      const manyTokens = await api.gql(`{ ${'__typename '.repeat(4000)} }`);
      expect(manyTokens.status).toBe(400);
      expect(manyTokens.errors?.[0]?.message).toMatch(/contains more th\w+ 3000 tokens/i);
      const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: sectors { id }`).join(' ');
      expect((await api.gql(`{ ${aliases} }`)).errors?.[0]?.message).toMatch(/alias/i);
      const wide = Array.from(
        { length: 40 },
        (_, i) =>
          `o${i}: organizations(first: 100) { edges { node { id sectors { name organizationCount } relationships { from { name } to { name } } } } }`,
      ).join(' ');
      expect((await api.gql(`{ ${wide} }`)).errors?.[0]).toBeDefined();
      const big = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
        body: JSON.stringify({
          query: `{ organizations(search: "${'x'.repeat(200_000)}") { totalCount } }`,
        }),
      });
      expect(big.status).toBe(413);
      const batch = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
        body: JSON.stringify([{ query: '{ sectors { id } }' }, { query: '{ sectors { id } }' }]),
      });
      expect(batch.status).toBeGreaterThanOrEqual(400);
    });

    it('applies Apollo CSRF prevention to simple requests', async () => {
      const res = await fetch(`${api.url}?query=${encodeURIComponent('{ sectors { id } }')}`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF|preflight/i);
    });

    it('rate-limits per token with a retry hint', async () => {
      const limited = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
      try {
        const results = [];
        for (let i = 0; i < 7; i++) results.push(await limited.gql('{ sectors { id } }'));
        const last = results[results.length - 1]!;
        expect(last.status).toBe(429);
        expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
        expect(
          (last.errors?.[0]?.extensions as { retryAfterSeconds?: number }).retryAfterSeconds,
        ).toBeGreaterThan(0);
        // Another token has its own budget.
        const other = await limited.token('OFFICER');
        expect((await limited.gqlAs(other, '{ sectors { id } }')).errors).toBeUndefined();
      } finally {
        await limited.close();
      }
    });
  });
});
