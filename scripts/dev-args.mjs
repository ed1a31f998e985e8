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
