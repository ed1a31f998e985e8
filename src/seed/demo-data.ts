/**
 * The demo kelurahan that `npm start` seeds: Bukit Sangkal (Kecamatan Kalidoni, Kota Palembang),
 * the kelurahan of the source paper. People and numbers are invented; phone numbers use a range
 * no real subscriber has; the simulator speaks as the chairs under those numbers.
 */
export const DEMO_KELURAHAN = {
  id: 'kel-bukit-sangkal',
  name: 'Bukit Sangkal',
  kecamatan: 'Kalidoni',
  city: 'Kota Palembang',
  lurahName: 'Bapak Rahmat Hidayat',
  address: 'Jl. Residen H. Najamudin, Bukit Sangkal, Palembang',
  /** Invented, like every number here. */
  phone: '0711-555-0123',
} as const;

export interface DemoRt {
  rw: number;
  rt: number;
  /** The chair speaks in the simulator under their phone number, as on WhatsApp. */
  chair: { id: string; name: string; phone: string };
}

export const DEMO_RTS: readonly DemoRt[] = [
  { rw: 1, rt: 1, chair: { id: 'person-chair-0101', name: 'Bapak Sulaiman', phone: '628990000101' } },
  { rw: 1, rt: 2, chair: { id: 'person-chair-0102', name: 'Ibu Nurhasanah', phone: '628990000102' } },
  { rw: 2, rt: 1, chair: { id: 'person-chair-0201', name: 'Bapak Darmawan', phone: '628990000201' } },
  { rw: 2, rt: 2, chair: { id: 'person-chair-0202', name: 'Ibu Kartini', phone: '628990000202' } },
  { rw: 2, rt: 3, chair: { id: 'person-chair-0203', name: 'Bapak Hasan', phone: '628990000203' } },
  { rw: 3, rt: 1, chair: { id: 'person-chair-0301', name: 'Bapak Yusuf', phone: '628990000301' } },
];

export const DEMO_STAFF = {
  id: 'staff-demo',
  username: 'staf',
  displayName: 'Staf Pelayanan Bukit Sangkal',
  role: 'admin',
  /** The staff member's phone in the simulator: escalations and the morning digest arrive there. */
  phone: '628990000900',
} as const;

export const rwId = (rw: number) => `rw-bs-${String(rw).padStart(2, '0')}`;
export const rtId = (rw: number, rt: number) => `rt-bs-${String(rw).padStart(2, '0')}-${String(rt).padStart(2, '0')}`;
