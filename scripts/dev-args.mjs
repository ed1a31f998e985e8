import { spawn } from 'node:child_process';

/**
 * The arguments `npm start` gives `wrangler dev`. Links Loket prints into letters and messages
 * (the /verify link and its QR code) name the address it runs on, so PUBLIC_BASE_URL follows the
 * port: `PORT=8811 npm start` makes letters that point at localhost:8811.
 */
export function devArgs({ host, port, persistTo }) {
  const base = `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;
  return [
    'dev', '--env', 'local', '--ip', host, '--port', String(port), '--test-scheduled', '--show-interactive-dev-session=false',
    '--var', `PUBLIC_BASE_URL:${base}`,
    ...(persistTo ? ['--persist-to', persistTo] : []),
  ];
}

/**
 * `wrangler dev` in its own process group, so that stopping it stops workerd too (killing only
 * wrangler's node process leaves workerd running). Ctrl-C or SIGTERM stops the group; if wrangler
 * ends by itself, `onExit` hears its code (and this process ends with it).
 */
export function runDev(wrangler, args, env, onExit = () => {}) {
  const dev = spawn(process.execPath, [wrangler, ...args], { stdio: 'inherit', env, detached: true });
  let stopping = false;
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {}
    setTimeout(() => process.exit(code), 500).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  dev.on('exit', (code) => {
    if (stopping) return;
    onExit(code);
    process.exit(code ?? 1);
  });
  return { stop };
}
