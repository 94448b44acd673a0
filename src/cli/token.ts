// `npm run token -- --role ROLE [--org ID] [--ttl 8h] [--sub NAME]`: prints a signed token as the
// last line of its output. Uses AUTH_JWT_SECRET, or the secret the server keeps in DATA_DIR.
import { loadConfig } from '../config/config';
import { ROLES, type Role } from '../auth/auth.types';
import { loadSigningSecret, parseTtl, TokenService } from '../auth/token.service';

function usage(message: string): never {
  // eslint-disable-next-line no-console
  console.error(
    `${message}\nusage: npm run token -- --role ${ROLES.join('|')} [--org ORGANIZATION_ID] [--ttl 8h] [--sub NAME]`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined) usage(`bad argument: ${flag}`);
    args.set(flag.slice(2), value);
  }
  for (const k of args.keys())
    if (!['role', 'org', 'ttl', 'sub'].includes(k)) usage(`unknown option --${k}`);
  const role = (args.get('role') ?? '').toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) usage('--role is required');
  const org = args.get('org') ?? null;
  if (role === 'ENTERPRISE' && !org) usage('an ENTERPRISE token needs --org');
  const ttlSeconds = parseTtl(args.get('ttl') ?? '8h');
  const config = loadConfig();
  const { secret } = loadSigningSecret(config);
  const tokens = new TokenService(secret, config.auth.issuer);
  const token = await tokens.issue({
    subject: args.get('sub') ?? `${role.toLowerCase()}-cli`,
    role: role as Role,
    organizationId: org,
    ttlSeconds,
  });
  // eslint-disable-next-line no-console
  console.error(`${role} token${org ? ` for ${org}` : ''}, valid ${ttlSeconds} s:`);
  process.stdout.write(`${token}\n`);
}

main().catch((e: unknown) => {
  // eslint-disable-next-line no-console
  console.error(`token failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
