/** Walks a whole application through the simulator, for tests that need one as a starting point. */
import { choice, drainQueue, JPEG, SimPerson, text, type Received } from './simulator';

export const NIK = {
  siti: '1671024508790003',
  budi: '1671021203850001',
  ani: '1671025506900002',
};

export const SERVICE_LABEL = { ktp: 'KTP', kk: 'Kartu Keluarga', nikah: 'Surat pengantar nikah', situ: 'SITU (Surat Izin Tempat Usaha)' } as const;
/** The services as the picker's choices (short enough for a WhatsApp list row). */
export const SERVICE_CHOICE = { ktp: 'KTP', kk: 'Kartu Keluarga', nikah: 'Surat pengantar nikah', situ: 'SITU (Izin Tempat Usaha)' } as const;
/** What a SITU asks beyond the documents: the business's name, kind and address. */
export const BUSINESS = { name: 'Warung Makan Bu Siti', kind: 'warung makan', address: 'Jl. Mayor Zen No. 12, RT 03/RW 02' };
export const UPLOADS = { ktp: 3, kk: 2, nikah: 3, situ: 2 } as const;

export async function startApplication(
  p: SimPerson,
  service: keyof typeof SERVICE_LABEL,
  o: { forOther?: { name: string; nik: string; phone: string | null }; name?: string; nik?: string; business?: typeof BUSINESS } = {},
): Promise<Received[]> {
  let r = await p.say('menu');
  r = await p.press(choice(r, 'Ajukan layanan'));
  r = await p.press(choice(r, SERVICE_CHOICE[service]));
  r = await p.press(choice(r, o.forOther ? 'Orang lain' : 'Diri sendiri'));
  r = await p.say(o.forOther?.name ?? o.name ?? 'Siti Aminah');
  r = await p.say(o.forOther?.nik ?? o.nik ?? NIK.siti);
  if (o.forOther) {
    r = o.forOther.phone ? await p.say(o.forOther.phone) : await p.press(choice(r, 'Tidak punya HP'));
  }
  if (service === 'situ') {
    const b = o.business ?? BUSINESS;
    await p.say(b.name);
    await p.say(b.kind);
    r = await p.say(b.address);
  }
  r = await p.press(choice(r, 'RW 02'));
  return p.press(choice(r, /^RT 03/));
}

export async function completeApplication(
  p: SimPerson,
  service: keyof typeof SERVICE_LABEL,
  o: Parameters<typeof startApplication>[2] & { courier?: string } = {},
): Promise<string> {
  await startApplication(p, service, o);
  let r: Received[] = [];
  for (let i = 0; i < UPLOADS[service]; i++) r = await p.upload(JPEG, 'image/jpeg', `doc-${i}.jpg`);
  // Kirim waits until the queue has stored and checked every document.
  await drainQueue();
  if (o.courier) {
    r = await p.press(choice(r, 'Diantar kurir'));
    r = await p.say(o.courier);
  } else {
    r = await p.press(choice(r, 'Ambil di kantor'));
  }
  r = await p.press(choice(r, 'Kirim'));
  const code = /Nomor berkas: ([A-Z]+-\d{4}-\d{4})/.exec(text(r))?.[1];
  if (!code) throw new Error(`no case code in: ${text(r)}`);
  return code;
}
