/**
 * The simulator page: one column per simulated person, each a small chat. Each phone plays
 * WhatsApp or Telegram (a toggle in its title): the server sends the bubbles that channel's
 * renderer would send (adapters/simulator/looks.ts), so reply buttons, lists, numbered lines and
 * inline keyboards look as they would; "Bandingkan" opens a twin phone of the same person in the
 * other look beside it. Photos and PDFs are uploaded like media; documents Loket sends can be
 * opened. Plain HTML and a little script: it must work offline, with nothing to build. Texts
 * from the server are set with textContent only.
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
  .phone h2 { margin: 0; padding: 8px 12px; font-size: 15px; background: #075e54; color: #fff; border-radius: 12px 12px 0 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  .phone h2 select { font: inherit; max-width: 100%; flex: 1 1 160px; min-width: 0; }
  .looks { display: inline-flex; border: 1px solid #fff; border-radius: 12px; overflow: hidden; }
  .looks button, .phone h2 > button { font: 12px system-ui, sans-serif; border: 0; background: transparent; color: #fff; padding: 3px 9px; cursor: pointer; }
  .looks button[aria-pressed="true"] { background: #fff; color: #075e54; font-weight: 600; }
  .phone h2 > button { border: 1px solid #fff; border-radius: 12px; }
  .log { flex: 1; overflow-y: auto; padding: 8px; display: flex; flex-direction: column; gap: 6px; }
  .msg { max-width: 85%; white-space: pre-wrap; word-wrap: break-word; }
  .msg .bubble, .msg.in { padding: 6px 9px; border-radius: 8px; box-shadow: 0 1px 0 #0001; }
  .in { align-self: flex-end; background: #d9fdd3; }
  .out { align-self: flex-start; }
  .out .bubble { background: #fff; }
  .out.refused .bubble { background: #fde2e1; color: #8a1c14; }
  .choices { display: flex; flex-direction: column; gap: 3px; margin-top: 3px; white-space: normal; }
  .choices button { font: inherit; cursor: pointer; }
  /* WhatsApp: reply buttons as white blocks under the bubble; a list behind one button. */
  .wa-button, .list-open { background: #fff; color: #027eb5; border: 0; border-radius: 8px; padding: 6px 10px; box-shadow: 0 1px 0 #0001; }
  .list-rows { display: flex; flex-direction: column; background: #fff; border-radius: 8px; padding: 4px 0; box-shadow: 0 1px 3px #0003; }
  .list-rows[hidden] { display: none; }
  /* The radio circle is drawn, not written: written content would join the button's name. */
  .list-rows button { text-align: left; border: 0; border-bottom: 1px solid #eee; padding: 7px 34px 7px 12px;
    background: #fff radial-gradient(circle at calc(100% - 16px) 50%, #fff 5px, #8a8a8a 6px, #8a8a8a 7px, #fff 8px); }
  /* Telegram: blue title, inline keyboard rows under the bubble. */
  .phone[data-look="telegram"] { background: #cfdbe6; }
  .phone[data-look="telegram"] h2 { background: #517da2; }
  .phone[data-look="telegram"] .looks button[aria-pressed="true"] { color: #517da2; }
  .phone[data-look="telegram"] .in { background: #effdde; }
  .kb-row { display: flex; gap: 3px; }
  .kb-row button { flex: 1; min-width: 0; background: #6f93b3; color: #fff; border: 0; border-radius: 6px; padding: 6px 8px; }
  .phone[data-look="telegram"] .choices { min-width: 220px; }
  form { display: flex; gap: 4px; padding: 8px; border-top: 1px solid #c9c2b8; }
  form input[type=text] { flex: 1; min-width: 0; padding: 6px; border-radius: 16px; border: 1px solid #bbb; }
  form button, label.upload { border: 0; background: #0b5d4b; color: #fff; border-radius: 16px; padding: 6px 10px; cursor: pointer; font-size: 13px; }
  label.upload input { display: none; }
  .held { margin: 0; padding: 6px 10px; font-size: 13px; background: #fff6d6; border-top: 1px solid #e5d9a8; }
</style>
</head>
<body>
<header>
  <h1>Loket - Simulator</h1>
  <p>Warga, penolong, Ketua RT dan staf kelurahan mencoba Loket berdampingan. Semua pesan lewat jalur yang sama dengan WhatsApp dan Telegram.
    Setiap telepon bisa tampil sebagai WhatsApp atau Telegram; <strong>Bandingkan</strong> membuka telepon kedua untuk orang yang sama dengan tampilan lain.
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
const LOOKS = { whatsapp: 'WhatsApp', telegram: 'Telegram' };
const otherLook = (look) => (look === 'telegram' ? 'whatsapp' : 'telegram');
// Every phone on the page; a person may be on two (the same chat in both looks).
const phones = [];
const phonesOf = (personId) => phones.filter((p) => p.person.id === personId);
class Phone {
  constructor(people, person, look, twinOf) {
    this.people = people;
    this.look = look;
    this.after = 0;
    this.lastSeq = 0;
    this.seen = new Set();
    // What this person sent, each after the last message of Loket's it saw, so a phone that
    // changes look can show the chat again in order.
    this.sent = twinOf ? [...twinOf.sent] : [];
    this.pending = [];
    this.generation = 0;
    this.root = el('section', { className: 'phone' });
    const select = el('select', { ariaLabel: 'Orang' });
    for (const p of people) select.append(el('option', { value: p.id, textContent: p.name + roleLabel(p) }));
    select.value = person.id;
    select.onchange = () => this.switchTo(people.find((p) => p.id === select.value));
    this.lookButtons = Object.entries(LOOKS).map(([value, name]) => {
      const b = el('button', { type: 'button', textContent: name, title: 'Tampilkan seperti ' + name });
      b.dataset.look = value;
      b.onclick = () => this.showAs(value);
      return b;
    });
    const looks = el('span', { className: 'looks', role: 'group', ariaLabel: 'Tampilan' }, ...this.lookButtons);
    const extra = twinOf
      ? el('button', { type: 'button', textContent: 'Tutup', title: 'Tutup telepon ini', onclick: () => this.close() })
      : el('button', { type: 'button', textContent: 'Bandingkan', title: 'Buka telepon kedua untuk orang ini dengan tampilan lain', onclick: () => this.compare() });
    this.log = el('div', { className: 'log' });
    // Says what waits for later (a chair is not written to at night), so an empty chat is explained.
    this.heldNote = el('p', { className: 'held', role: 'status', hidden: true });
    this.input = el('input', { type: 'text', placeholder: 'Ketik pesan...', ariaLabel: 'Pesan' });
    const file = el('input', { type: 'file', accept: 'image/*,application/pdf,*/*' });
    file.onchange = () => { if (file.files[0]) this.upload(file.files[0]); file.value = ''; };
    const voice = el('button', { type: 'button', textContent: 'Suara', title: 'Kirim pesan suara' });
    voice.onclick = () => this.post({ unsupported: 'voice' }, '(pesan suara)');
    const form = el('form', {}, this.input, el('button', { type: 'submit', textContent: 'Kirim' }), el('label', { className: 'upload', textContent: 'Foto/PDF' }, file), voice);
    form.onsubmit = (e) => { e.preventDefault(); const t = this.input.value.trim(); if (t) { this.input.value = ''; this.post({ text: t }, t); } };
    this.root.append(el('h2', {}, select, looks, extra), this.log, this.heldNote, form);
    phones.push(this);
    this.person = person;
    this.root.dataset.person = person.id;
    this.restart();
  }
  switchTo(person) {
    this.person = person;
    this.root.dataset.person = person.id;
    this.sent = [];
    this.restart();
  }
  showAs(look) {
    this.look = look;
    this.restart();
  }
  /** Empties the chat and reads it again from the start, in the current look. */
  restart() {
    this.generation++;
    this.root.dataset.look = this.look;
    for (const b of this.lookButtons) b.setAttribute('aria-pressed', String(b.dataset.look === this.look));
    this.log.replaceChildren();
    this.heldNote.hidden = true;
    this.after = 0;
    this.lastSeq = 0;
    this.seen.clear();
    this.pending = [...this.sent];
    this.poll().catch(() => {});
  }
  compare() {
    const twin = new Phone(this.people, this.person, otherLook(this.look), this);
    this.root.after(twin.root);
  }
  close() {
    phones.splice(phones.indexOf(this), 1);
    this.root.remove();
  }
  show(node) {
    this.log.append(node);
    this.log.scrollTop = this.log.scrollHeight;
  }
  showSent(text) {
    this.show(el('div', { className: 'msg in', textContent: text }));
  }
  /** What the person sent before Loket's message number seq (all of it when seq is omitted). */
  flushSent(seq) {
    while (this.pending.length && (seq === undefined || this.pending[0].after < seq)) this.showSent(this.pending.shift().text);
  }
  choiceButton(className, c) {
    return el('button', { type: 'button', className, textContent: c.label, onclick: () => this.post({ choiceId: c.id }, c.label) });
  }
  /** One bubble as the server's view model describes it (adapters/simulator/looks.ts). */
  bubble(b, fileHref) {
    const out = el('div', { className: 'msg out' });
    const body = el('div', { className: 'bubble' });
    out.append(body);
    if (b.type === 'file') {
      if (b.caption) body.append(b.caption, '\\n');
      body.append(el('a', { href: fileHref, target: '_blank', textContent: b.kind === 'document' ? b.filename : 'gambar' }));
    } else if (b.type === 'refused') {
      out.classList.add('refused');
      body.textContent = LOOKS[this.look] + ' tidak akan mengirim pesan ini: ' + b.reason;
    } else {
      body.textContent = b.text;
    }
    if (b.type === 'buttons') {
      out.append(el('div', { className: 'choices' }, ...b.buttons.map((c) => this.choiceButton('wa-button', c))));
    } else if (b.type === 'list') {
      const rows = el('div', { className: 'list-rows', hidden: true }, ...b.rows.map((c) => this.choiceButton('', c)));
      const open = el('button', { type: 'button', className: 'list-open', textContent: '☰ ' + b.button, ariaExpanded: 'false' });
      open.onclick = () => { rows.hidden = !rows.hidden; open.ariaExpanded = String(!rows.hidden); };
      out.append(el('div', { className: 'choices' }, open, rows));
    } else if (b.type === 'keyboard') {
      out.append(el('div', { className: 'choices' }, ...b.rows.map((row) => el('div', { className: 'kb-row' }, ...row.map((c) => this.choiceButton('', c))))));
    }
    this.show(out);
  }
  async post(body, shown) {
    const personId = this.person.id;
    for (const p of phonesOf(personId)) {
      p.sent.push({ text: shown, after: p.lastSeq });
      p.showSent(shown);
    }
    await api('messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: { id: personId, name: this.person.name }, at: simNow(), ...body }) });
    for (const p of phonesOf(personId)) p.poll().catch(() => {});
  }
  async upload(file) {
    const personId = this.person.id;
    const shown = '[' + (file.type.startsWith('image/') ? 'foto' : 'berkas') + '] ' + file.name;
    for (const p of phonesOf(personId)) {
      p.sent.push({ text: shown, after: p.lastSeq });
      p.showSent(shown);
    }
    const form = new FormData();
    form.append('from_id', personId);
    form.append('from_name', this.person.name);
    form.append('file', file);
    form.append('at', String(simNow()));
    await api('media', { method: 'POST', body: form });
    for (const p of phonesOf(personId)) p.poll().catch(() => {});
  }
  async poll() {
    const generation = this.generation;
    const after = this.after;
    const { messages, next, held } = await api('inbox?id=' + encodeURIComponent(this.person.id) + '&after=' + after + '&look=' + this.look);
    // The phone changed person or look while this was on its way (that restart reads again), or
    // another poll already took these messages.
    if (generation !== this.generation || after !== this.after) return;
    // Not past a message held for later (a chair's at night): it shows once sent.
    this.after = next;
    for (const m of messages) {
      if (this.seen.has(m.id)) continue;
      this.seen.add(m.id);
      this.flushSent(m.seq);
      this.lastSeq = Math.max(this.lastSeq, m.seq);
      for (const b of m.bubbles) this.bubble(b, '/simulator/api/files/' + encodeURIComponent(m.id));
    }
    this.flushSent();
    this.showHeld(held);
  }
  showHeld(held) {
    this.heldNote.hidden = !held;
    if (!held) return;
    this.heldNote.textContent = held.count + ' pesan menunggu pagi. Ketua RT tidak dikirimi pesan pada malam hari. ' +
      'Pesan dikirim ' + WIB.format(new Date(held.until)) + ' WIB. Majukan waktu simulasi dengan "+1 jam" untuk melihatnya.';
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
  document.getElementById('phones').append(...shown.map((p) => new Phone(people, p, 'whatsapp', null).root));
  setInterval(() => phones.forEach((p) => p.poll().catch(() => {})), 1500);
})();
</script>
</body>
</html>`;
}
