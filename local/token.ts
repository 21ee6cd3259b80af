import { issueToken, newGuestId, newHotelManagerId } from './cognito/local-issuer.ts';

/**
 * `npm run token -- admin`, `npm run token -- guest [id] [email] [--unverified] [--vip=N]` or
 * `npm run token -- hotel_manager <id> <hotelId,...>`: prints a bearer token the local stack
 * accepts, and nothing else on stdout, so `TOKEN=$(npm run -s token -- admin)` works. A guest sees
 * the bookings they made signed in with that id, and those made without an account with the token's
 * e-mail (verified, as Cognito confirms it at sign-up; `--unverified` mints one the API must not
 * trust). `--vip=1` makes a VIP guest (room-assignment priority 1 to 5). A hotel manager's token
 * names its hotels (claim `custom:hotel_ids`); id `-` makes one up.
 */
const USAGE =
  'Usage: npm run -s token -- admin | guest [guest-id] [email] [--unverified] [--vip=1..5] | hotel_manager <manager-id|-> <hotelId,...>';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

function usage(problem: string): never {
  console.error(`${problem}. ${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const flags = argv.filter((a) => a.startsWith('--'));
  const args = argv.filter((a) => !a.startsWith('--'));
  const [role, id, email, ...rest] = args;
  let emailVerified = true;
  let vipLevel: number | undefined;
  for (const flag of flags) {
    if (flag === '--unverified' && role === 'guest') emailVerified = false;
    else if (/^--vip=[1-5]$/.test(flag) && role === 'guest') vipLevel = Number(flag.slice('--vip='.length));
    else usage(`Unexpected option ${JSON.stringify(flag)}`);
  }
  if (rest.length > 0) usage(`Unexpected argument ${JSON.stringify(rest[0])}`);
  if (role === 'admin') {
    if (id !== undefined) usage('admin takes no id');
    process.stdout.write(`${await issueToken({ role: 'admin' })}\n`);
    return;
  }
  if (role === 'guest') {
    if (id !== undefined && !GUEST_ID.test(id)) usage(`Guest id ${JSON.stringify(id)} may contain only letters, digits and _ . : -`);
    if (email !== undefined && !EMAIL.test(email)) usage(`${JSON.stringify(email)} is not an e-mail address`);
    const token = await issueToken({
      role: 'guest',
      subject: id ?? newGuestId(),
      ...(email ? { email } : {}),
      emailVerified,
      ...(vipLevel !== undefined ? { vipLevel } : {}),
    });
    process.stdout.write(`${token}\n`);
    return;
  }
  if (role === 'hotel_manager') {
    if (id === undefined || email === undefined) usage('hotel_manager needs an id (or -) and its hotel ids, comma separated');
    if (id !== '-' && !GUEST_ID.test(id)) usage(`Manager id ${JSON.stringify(id)} may contain only letters, digits and _ . : -`);
    const hotelIds = email.split(',').map((h) => h.trim()).filter(Boolean);
    try {
      process.stdout.write(`${await issueToken({ role: 'hotel_manager', subject: id === '-' ? newHotelManagerId() : id, hotelIds })}\n`);
    } catch (error) {
      usage((error as Error).message.replace(/\.$/, ''));
    }
    return;
  }
  usage(role === undefined ? 'Say which role' : `Unknown role ${JSON.stringify(role)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Could not issue a token: ${(error as Error).message}`);
  process.exit(1);
});
