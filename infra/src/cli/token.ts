/**
 * Prints a development access token signed with this checkout's dev key pair
 * (.data/dev-jwt/, created on first use), which the gateway and subgraphs trust outside
 * production when no JWT_JWKS_URL / JWT_PUBLIC_KEY is set.
 *
 *   npm run token -- --role registrar [--org <organization id>] [--sub user-1] [--name "Aigerim S."] [--position "Главный специалист"] [--ttl 8h]
 *   npm run token -- --role citizen --sub citizen-1 --iin 900101300017
 *   npm run token -- --role citizen --sub rep-1 --iin 900101300017 --bin <12 digits>   (a legal entity's representative)
 *
 * Use it in Apollo Sandbox as the header `Authorization: Bearer <token>`.
 */
import { parseArgs } from 'node:util';
import { devAudience, devIssuer, devKeyDirectory, loadOrCreateDevKeyPair, mintToken } from '@bakylau/platform/auth/dev-keys';
import { isRole, roles } from '@bakylau/platform/auth/principal';
import { hasValidCheckDigit } from '@bakylau/platform/identity/check-digit';

const usage = `usage: npm run token -- --role <${roles.join('|')}> [--org <id>] [--sub <subject>] [--name <name>] [--position <position>] [--iin <12 digits>] [--bin <12 digits>] [--ttl <8h>]`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        org: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        position: { type: 'string' },
        iin: { type: 'string' },
        bin: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 1;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!isRole(values.role)) {
    console.error(`${values.role ? `unknown role "${values.role}"` : '--role is required'}\n${usage}`);
    return 1;
  }
  if (values.role === 'executor' && !values.org) {
    console.error('an executor acts for an organization: pass --org <organization id>');
    return 1;
  }
  for (const [flag, value] of [
    ['--iin', values.iin],
    ['--bin', values.bin],
  ] as const) {
    if (value !== undefined && !hasValidCheckDigit(value)) {
      console.error(`${flag} must be 12 digits ending in their check digit`);
      return 1;
    }
  }
  const ttl = /^\d+$/.test(values.ttl) ? Number(values.ttl) : values.ttl;
  const { privateKeyPem } = loadOrCreateDevKeyPair(devKeyDirectory);
  const token = await mintToken({
    privateKeyPem,
    issuer: devIssuer,
    audience: devAudience,
    subject: values.sub ?? `dev-${values.role}`,
    role: values.role,
    organizationId: values.org ?? null,
    ...(values.name ? { name: values.name } : {}),
    ...(values.position ? { position: values.position } : {}),
    ...(values.iin ? { iin: values.iin } : {}),
    ...(values.bin ? { bin: values.bin } : {}),
    expiresIn: ttl,
  });
  console.log(token);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
