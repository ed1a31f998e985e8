/**
 * The message templates Loket needs outside the 24-hour customer service window. Register them
 * in WhatsApp Manager with exactly this text (category Utility, language Indonesian "id");
 * README "Connect WhatsApp" lists them too.
 */
export interface TemplateSpec {
  name: string;
  language: string;
  /** The body as registered; {{1}}, {{2}} are the parameters. */
  body: string;
  parameters: string[];
}

export const CASE_UPDATE: TemplateSpec = {
  name: 'loket_kabar_berkas',
  language: 'id',
  body: 'Kabar dari Loket Kelurahan {{1}}: {{2}} Balas pesan ini untuk melihat pilihan.',
  parameters: ['nama kelurahan', 'isi kabar (tanpa baris baru)'],
};

export const RT_REMINDER: TemplateSpec = {
  name: 'loket_pengingat_rt',
  language: 'id',
  body: 'Yth. Ketua RT, ada berkas warga yang menunggu Bapak/Ibu di Loket Kelurahan {{1}}: {{2}} Balas pesan ini untuk memeriksanya.',
  parameters: ['nama kelurahan', 'isi pengingat (tanpa baris baru)'],
};

