/**
 * The message templates Loket needs outside the 24-hour customer service window. Register them
 * in WhatsApp Manager with exactly this text (category Utility, language Indonesian "id");
 * README "Connect WhatsApp" lists them too.
 */
import type { OutboundMessage } from '../adapters/channel';
import type { TemplateSpec } from '../adapters/whatsapp/sender';

export type { TemplateSpec };

/** An RT chair's waiting case (its buttons start with "rt:") gets the reminder; all else the update. */
export function loketTemplate(message: OutboundMessage): TemplateSpec {
  const forRt = message.kind === 'text' && (message.choices ?? []).some((c) => c.id.startsWith('rt:'));
  return forRt ? RT_REMINDER : CASE_UPDATE;
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

