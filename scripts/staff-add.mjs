#!/usr/bin/env node
/**
 * `npm run staff:add -- --username NAME --kelurahan ID --role admin|lurah|staff [--local | --remote --env ENV]`:
 * makes a staff account (the first admin of a deployment included) or resets one, through
 * `wrangler d1 execute`. Production has no default account: this is how one is made. See
 * staff-account.mjs for the checks and the SQL, and --help for the options.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { d1ExecuteArgs, hashPassword, LIST_KELURAHAN_SQL, parseArgs, passwordProblem, upsertStaffSql, USAGE, UsageError } from './staff-account.mjs';

const wrangler = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' };
// The password is not handed on to wrangler.
delete env.LOKET_STAFF_PASSWORD;

/** A refusal that is not about the command line: said without the usage text. */
class Stop extends Error {}

function d1(args, sql) {
  const run = spawnSync(process.execPath, [wrangler, ...d1ExecuteArgs({ ...args, persistTo: args.persistTo && path.resolve(args.persistTo) }, sql)], {
    env,
    encoding: 'utf8',
    stdio: ['inherit', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) {
    process.stderr.write(run.stderr || run.stdout);
    throw new Error(`wrangler d1 execute failed (exit ${run.status}).`);
  }
  return JSON.parse(run.stdout);
}

/** Asks without echo; Ctrl+C stops. */
function askHidden(question) {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new Stop('No terminal to ask for the password on: set LOKET_STAFF_PASSWORD.');
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const done = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
    };
    function onData(chunk) {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(), resolve(typed);
        if (ch === '\u0003') return done(), reject(new Stop('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    }
    stdin.on('data', onData);
  });
}

async function password(target) {
  const given = process.env.LOKET_STAFF_PASSWORD;
  if (given !== undefined) {
    const problem = passwordProblem(given, target);
    if (problem) throw new Stop(`LOKET_STAFF_PASSWORD: ${problem}`);
    return given;
  }
  for (;;) {
    const first = await askHidden('Password (not shown): ');
    const problem = passwordProblem(first, target);
    if (problem) {
      console.error(problem);
      continue;
    }
    if ((await askHidden('Once more: ')) === first) return first;
    console.error('The two did not match. Again.');
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const where = `${args.target} D1 (env ${args.env})${args.persistTo ? ` in ${path.resolve(args.persistTo)}` : ''}`;
  const known = d1(args, LIST_KELURAHAN_SQL)[0]?.results ?? [];
  if (!known.some((k) => k.id === args.kelurahanId)) {
    const list = known.length ? known.map((k) => `  ${k.id}  ${k.name}`).join('\n') : '  (none: is the database migrated and its kelurahan added?)';
    throw new Stop(`No kelurahan "${args.kelurahanId}" in the ${where}. Known:\n${list}`);
  }
  const hash = hashPassword(await password(args.target));
  d1(args, upsertStaffSql(args, hash));
  console.log(`Staff account "${args.username}" (${args.role}, ${args.kelurahanId}) saved in the ${where}; its earlier sessions are ended.`);
}

main().catch((err) => {
  console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : String(err?.message ?? err));
  process.exit(err instanceof UsageError || err instanceof Stop ? 2 : 1);
});
