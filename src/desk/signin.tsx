/**
 * GET /login (the form), POST /login (username and password), POST /logout. The sign-in form
 * has no session yet, so its CSRF token is a random value in a short-lived cookie that the form
 * must repeat (besides hono/csrf's Origin check): a page elsewhere can neither read the cookie
 * nor set it (`__Host-` outside localhost), so it cannot sign a browser in to an account of its
 * choosing.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { dbOf } from '../db/client';
import { staffForSignIn } from '../db/staff-sessions';
import { chargeAttempt, releaseAttempt } from '../db/throttles';
import { log } from '../framework/log';
import { systemClock } from '../platform';
import { verifyPassword } from '../staff/password';
import type { DeskEnv } from './context';
import { clearCookie, readCookie, writeCookie } from './cookies';
import { fromOwnPage, givenToken } from './form-token';
import { frameOf, pageHtml } from './layout';
import { withLocale } from './locale';
import { safeNext } from './next-path';
import { refusal } from './pages/errors';
import { LoginPage } from './pages/login';
import { currentStaff, endSession, SESSION_COOKIE, startSession } from './session';
import { overLimit, secondsLeft, SIGN_IN_ATTEMPTS, signInKeys } from './signin-throttle';
import { newToken, tokensEqual } from './tokens';

const LOGIN_COOKIE = 'loket_login';
const LOGIN_FORM_SECONDS = 2 * 3600;
const MAX_PASSWORD = 1024;

/**
 * What an unknown username is checked against: a hash of a random password nobody kept. The
 * same PBKDF2 work is done as for a real account, so the answer's timing does not tell which
 * usernames exist.
 */
const UNKNOWN_ACCOUNT_HASH = 'pbkdf2-sha256$100000$Wyj9TFyR89TnxMzU/gky5Q==$W5/RFT1Gju+Z7Gai5ABcqT7aCHrpEDgFmQxwmzgDomY=';

/** Usernames are lowercase (scripts/staff-add.mjs); what is typed is read the same way. */
const usernameOf = (raw: unknown) => (typeof raw === 'string' ? raw.trim().toLowerCase().slice(0, 64) : '');

export const signIn = new Hono<DeskEnv>()
  .use('/login', withLocale)
  .get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (await currentStaff(c)) return c.redirect(next, 303);
    // A form opened in a second tab keeps the first one's token valid.
    const token = readCookie(c, LOGIN_COOKIE) ?? newToken();
    writeCookie(c, LOGIN_COOKIE, token, LOGIN_FORM_SECONDS);
    return c.html(pageHtml(<LoginPage frame={frameOf(c, c.var.locale)} token={token} next={next} />));
  })
  .post(
    '/login',
    bodyLimit({ maxSize: 16 * 1024, onError: () => refusal('form', { link: '/login' }) }),
    async (c) => {
      const formToken = readCookie(c, LOGIN_COOKIE);
      if (!(await fromOwnPage(c)) || !tokensEqual(await givenToken(c), formToken)) return refusal('form', { link: '/login' });
      const body = await c.req.parseBody();
      const username = usernameOf(body['username']);
      const password = typeof body['password'] === 'string' ? body['password'] : '';
      const next = safeNext(body['next']);

      const now = systemClock.now();
      const keys = signInKeys(username, c.req.header('cf-connecting-ip'));
      const db = dbOf(c.env.DB);
      // Charged before the password is looked at: many attempts sent at once are all counted.
      const [[user], [client], [account]] = await db.batch([
        chargeAttempt(db, { key: keys.user, now, windowMs: SIGN_IN_ATTEMPTS.windowMs }),
        chargeAttempt(db, { key: keys.client, now, windowMs: SIGN_IN_ATTEMPTS.windowMs }),
        staffForSignIn(db, username),
      ]);
      const held = [user!, client!].filter((w) => overLimit(w, now));
      if (held.length) {
        log.warn('signin.throttled', { by: overLimit(user!, now) ? 'username' : 'client' });
        return refusal('throttled', { retryAfterSeconds: Math.max(...held.map((w) => secondsLeft(w, now))) });
      }

      const tooLong = password.length > MAX_PASSWORD;
      const matches = await verifyPassword(tooLong ? '' : password, account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
      if (!account || !matches || tooLong) {
        log.info('signin.failed', {});
        const page = <LoginPage frame={frameOf(c, c.var.locale)} token={formToken!} next={next} username={username} failed />;
        return c.html(pageHtml(page), 401);
      }
      // Only this attempt's own charge is taken back: failures of others in the window stay.
      await startSession(c, account, now, [
        releaseAttempt(db, { key: keys.user, windowStart: user!.windowStart }),
        releaseAttempt(db, { key: keys.client, windowStart: client!.windowStart }),
      ]);
      clearCookie(c, LOGIN_COOKIE);
      log.info('signin.ok', { staff: account.id });
      return c.redirect(next, 303);
    },
  )
  .post('/logout', async (c) => {
    const staff = await currentStaff(c);
    if (!staff) {
      // Nothing to end; a stale cookie goes.
      if (readCookie(c, SESSION_COOKIE)) clearCookie(c, SESSION_COOKIE);
      return c.redirect('/login', 303);
    }
    if (!(await fromOwnPage(c)) || !tokensEqual(await givenToken(c), staff.csrf)) return refusal('form');
    await endSession(c);
    log.info('signout', { staff: staff.id });
    return c.redirect('/login', 303);
  });
