import { issueToken, newGuestId } from './cognito/local-issuer.ts';

/**
 * `npm run token -- admin` or `npm run token -- guest [id] [email]`: prints a bearer token the local
 * stack accepts, and nothing else on stdout, so `TOKEN=$(npm run -s token -- admin)` works. A guest
 * sees the bookings made with the token's e-mail, so pass the e-mail used at checkout.
 */
const USAGE = 'Usage: npm run -s token -- admin | guest [guest-id] [email]';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

function usage(problem: string): never {
  console.error(`${problem}. ${USAGE}`);
  process.exit(2);
}

async function main(args: string[]): Promise<void> {
  const [role, id, email, ...rest] = args;
  if (rest.length > 0) usage(`Unexpected argument ${JSON.stringify(rest[0])}`);
  if (role === 'admin') {
    if (id !== undefined) usage('admin takes no id');
    process.stdout.write(`${await issueToken({ role: 'admin' })}\n`);
    return;
  }
  if (role === 'guest') {
    if (id !== undefined && !GUEST_ID.test(id)) usage(`Guest id ${JSON.stringify(id)} may contain only letters, digits and _ . : -`);
    if (email !== undefined && !EMAIL.test(email)) usage(`${JSON.stringify(email)} is not an e-mail address`);
    process.stdout.write(`${await issueToken({ role: 'guest', subject: id ?? newGuestId(), ...(email ? { email } : {}) })}\n`);
    return;
  }
  usage(role === undefined ? 'Say which role' : `Unknown role ${JSON.stringify(role)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Could not issue a token: ${(error as Error).message}`);
  process.exit(1);
});
