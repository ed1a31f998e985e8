/**
 * The simulator page: one column per simulated person, each a small chat. Choices appear as
 * buttons and as numbered lines (so typing "2" can be tried too); photos and PDFs are uploaded
 * like WhatsApp media; documents Loket sends can be opened. Plain HTML and a little script:
 * it must work offline, with nothing to build.
 */
export function simulatorPage(): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loket - Simulator</title>
<style>
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e9e4dc; color: #1b1b1b; }
  header { background: #0b5d4b; color: #fff; padding: 10px 16px; }
  header h1 { margin: 0; font-size: 18px; }
  header p { margin: 2px 0 0; font-size: 13px; opacity: .85; }
  header a.desk { color: #fff; font-weight: 600; margin-left: 6px; }
  .clock { margin-top: 6px; font-size: 14px; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
  .clock button { border: 1px solid #fff; background: transparent; color: #fff; border-radius: 12px; padding: 2px 10px; cursor: pointer; }
  main { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; padding: 12px; }
  .phone { background: #efeae2; border: 1px solid #c9c2b8; border-radius: 12px; display: flex; flex-direction: column; height: 78vh; min-width: 0; }
  .phone h2 { margin: 0; padding: 8px 12px; font-size: 15px; background: #075e54; color: #fff; border-radius: 12px 12px 0 0; }
  .phone h2 select { font: inherit; max-width: 100%; }
  .log { flex: 1; overflow-y: auto; padding: 8px; display: flex; flex-direction: column; gap: 6px; }
  .msg { max-width: 85%; padding: 6px 9px; border-radius: 8px; white-space: pre-wrap; word-wrap: break-word; box-shadow: 0 1px 0 #0001; }
  .in { align-self: flex-end; background: #d9fdd3; }
  .out { align-self: flex-start; background: #fff; }
  .choices { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
  .choices button { border: 1px solid #0b5d4b; background: #fff; color: #0b5d4b; border-radius: 14px; padding: 3px 10px; cursor: pointer; }
  form { display: flex; gap: 4px; padding: 8px; border-top: 1px solid #c9c2b8; }
  form input[type=text] { flex: 1; min-width: 0; padding: 6px; border-radius: 16px; border: 1px solid #bbb; }
  form button, label.upload { border: 0; background: #0b5d4b; color: #fff; border-radius: 16px; padding: 6px 10px; cursor: pointer; font-size: 13px; }
  label.upload input { display: none; }
</style>
</head>
<body>
<header>
  <h1>Loket - Simulator</h1>
  <p>Warga, penolong, Ketua RT dan staf kelurahan mencoba Loket berdampingan. Semua pesan lewat jalur yang sama dengan WhatsApp.
    <a class="desk" href="/status" target="_blank" rel="noopener">Meja layanan staf</a></p>
  <div class="clock">Waktu simulasi: <strong id="clock"></strong>
    <button type="button" data-advance="3600000">+1 jam</button>
    <button type="button" data-advance="86400000">+1 hari</button>
    <button type="button" id="clock-reset">Sekarang</button>
  </div>
</header>
<main id="phones"></main>
<script>
const PRESETS = ['628123450001', '628123450002'];
// Simulated time: an offset from the real clock, kept across reloads. Messages carry it, and
// moving it forward runs the cron at the new moment, so reminders and the three days can be seen.
let offset = Number(localStorage.getItem('loket.sim.offset') || 0);
const simNow = () => Date.now() + offset;
const WIB = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
function showClock() { document.getElementById('clock').textContent = WIB.format(new Date(simNow())) + ' WIB'; }
async function advance(ms) {
  const before = simNow();
  offset += ms;
  localStorage.setItem('loket.sim.offset', String(offset));
  showClock();
  // The daily digest runs when the move crosses 07:00 WIB (00:00 UTC).
  const digest = Math.floor(simNow() / 86400000) > Math.floor(before / 86400000);
  await api('clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: simNow(), digest }) });
}
async function api(path, init) {
  const res = await fetch('/simulator/api/' + path, init);
  if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
  return res.json();
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, attrs || {});
  for (const c of children) e.append(c);
  return e;
}
function roleLabel(p) {
  if (p.role === 'rt_chair') return ' (Ketua RT ' + String(p.rt).padStart(2, '0') + '/RW ' + String(p.rw).padStart(2, '0') + ')';
  return { helper: ' (penolong)', staff: ' (staf kelurahan)' }[p.role] || ' (warga)';
}
function numbered(choices) {
  return choices.map((c, i) => (i + 1) + '. ' + c.label).join('\\n');
}
class Phone {
  constructor(people, person) {
    this.people = people;
    this.after = 0;
    this.seen = new Set();
    this.root = el('section', { className: 'phone' });
    const select = el('select', { ariaLabel: 'Orang' });
    for (const p of people) select.append(el('option', { value: p.id, textContent: p.name + roleLabel(p) }));
    select.value = person.id;
    select.onchange = () => this.switchTo(people.find((p) => p.id === select.value));
    this.log = el('div', { className: 'log' });
    this.input = el('input', { type: 'text', placeholder: 'Ketik pesan...', ariaLabel: 'Pesan' });
    const file = el('input', { type: 'file', accept: 'image/*,application/pdf,*/*' });
    file.onchange = () => { if (file.files[0]) this.upload(file.files[0]); file.value = ''; };
    const voice = el('button', { type: 'button', textContent: 'Suara', title: 'Kirim pesan suara' });
    voice.onclick = () => this.post({ unsupported: 'voice' }, '(pesan suara)');
    const form = el('form', {}, this.input, el('button', { type: 'submit', textContent: 'Kirim' }), el('label', { className: 'upload', textContent: 'Foto/PDF' }, file), voice);
    form.onsubmit = (e) => { e.preventDefault(); const t = this.input.value.trim(); if (t) { this.input.value = ''; this.post({ text: t }, t); } };
    this.root.append(el('h2', {}, select), this.log, form);
    this.switchTo(person);
  }
  switchTo(person) {
    this.person = person;
    this.root.dataset.person = person.id;
    this.log.replaceChildren();
    this.after = 0;
    this.seen.clear();
    this.poll();
  }
  bubble(cls, text, choices, doc) {
    const b = el('div', { className: 'msg ' + cls });
    b.append(text);
    if (doc) b.append(el('div', {}, el('a', { href: doc.href, target: '_blank', textContent: doc.name })));
    if (choices && choices.length) {
      b.append('\\n' + numbered(choices));
      const row = el('div', { className: 'choices' });
      for (const c of choices) {
        const btn = el('button', { type: 'button', textContent: c.label });
        btn.onclick = () => this.post({ choiceId: c.id }, c.label);
        row.append(btn);
      }
      b.append(row);
    }
    this.log.append(b);
    this.log.scrollTop = this.log.scrollHeight;
  }
  async post(body, shown) {
    this.bubble('in', shown);
    await api('messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: { id: this.person.id, name: this.person.name }, at: simNow(), ...body }) });
    this.poll();
  }
  async upload(file) {
    this.bubble('in', '[' + (file.type.startsWith('image/') ? 'foto' : 'berkas') + '] ' + file.name);
    const form = new FormData();
    form.append('from_id', this.person.id);
    form.append('from_name', this.person.name);
    form.append('file', file);
    form.append('at', String(simNow()));
    await api('media', { method: 'POST', body: form });
    this.poll();
  }
  async poll() {
    const { messages, next } = await api('inbox?id=' + encodeURIComponent(this.person.id) + '&after=' + this.after);
    // Not past a message held for later (a chair's at night): it shows once sent.
    this.after = next;
    for (const m of messages) {
      if (this.seen.has(m.id)) continue;
      this.seen.add(m.id);
      const msg = m.message;
      if (msg.kind === 'document') this.bubble('out', msg.caption || '', null, { href: '/simulator/api/files/' + m.id, name: msg.filename });
      else if (msg.kind === 'image') this.bubble('out', msg.caption || '', null, { href: '/simulator/api/files/' + m.id, name: 'gambar' });
      else this.bubble('out', msg.text, msg.choices);
    }
  }
}
(async () => {
  showClock();
  setInterval(showClock, 30000);
  for (const b of document.querySelectorAll('[data-advance]')) b.onclick = () => advance(Number(b.dataset.advance));
  document.getElementById('clock-reset').onclick = () => { offset = 0; localStorage.removeItem('loket.sim.offset'); showClock(); };
  const { people } = await api('people');
  const hasan = people.find((p) => p.role === 'rt_chair' && p.rt === 3 && p.rw === 2) || people.find((p) => p.role === 'rt_chair');
  // The staff member's phone receives escalations and the morning digest (linked to the demo staff account).
  const staff = people.find((p) => p.role === 'staff');
  const shown = [people.find((p) => p.id === PRESETS[0]), people.find((p) => p.id === PRESETS[1]), hasan, staff].filter(Boolean);
  const phones = shown.map((p) => new Phone(people, p));
  document.getElementById('phones').append(...phones.map((p) => p.root));
  setInterval(() => phones.forEach((p) => p.poll().catch(() => {})), 1500);
})();
</script>
</body>
</html>`;
}
