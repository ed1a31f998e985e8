/**
 * The staff desk's words: Bahasa Indonesia first, English on request (?lang=en). Every key of
 * deskId must exist in deskEn; the type below makes a missing one a compile error.
 */
import type { Locale } from '../domain/messages';

export const deskId = {
  'lang.other': 'English',
  'login.title': 'Masuk ke meja layanan',
  'login.lead': 'Untuk staf dan Lurah kelurahan.',
  'login.username': 'Nama pengguna',
  'login.password': 'Kata sandi',
  'login.submit': 'Masuk',
  'login.failed': 'Nama pengguna atau kata sandi salah. Coba lagi.',
  'login.help': 'Lupa kata sandi? Hubungi admin kelurahan.',
  'logout': 'Keluar',
  'nav.desk': 'Meja layanan',
  'nav.account': 'Akun',
  'nav.admin': 'Administrasi',
  'desk.title': 'Meja layanan',
  'desk.greeting': (p: { name: string; role: string }) => `Selamat bekerja, ${p.name} (${p.role}).`,
  'desk.list_title': 'Daftar berkas',
  'desk.list_soon': 'Daftar berkas akan tampil di sini.',
  'account.title': 'Akun saya',
  'account.name': 'Nama',
  'account.username': 'Nama pengguna',
  'account.role': 'Peran',
  'account.kelurahan': 'Kelurahan',
  'account.chat.title': 'Chat untuk eskalasi',
  'account.chat.lead':
    'Loket mengirim eskalasi (berkas yang terlambat atau macet) dan ringkasan pagi ke chat WhatsApp atau Telegram yang disambungkan staf kelurahan ini.',
  'account.chat.linked': (p: { channel: string; number: string }) => `Tersambung ke ${p.channel} ${p.number}.`,
  'account.chat.none': 'Belum ada chat yang tersambung ke akun Anda.',
  'account.chat.make_code': 'Buat kode sambungan',
  'account.chat.other_chat': 'Sambungkan chat lain',
  'account.chat.unlink': 'Putuskan chat ini',
  'account.chat.code_title': 'Kode sambungan',
  'account.chat.code_valid': (p: { time: string }) => `Berlaku sampai pukul ${p.time}, untuk sekali pakai.`,
  'account.chat.how': 'Kirim kode ini dari HP Anda:',
  'account.chat.how_whatsapp': 'WhatsApp: kirim kodenya sebagai pesan ke nomor WhatsApp Loket kelurahan.',
  'account.chat.how_telegram': (p: { code: string }) => `Telegram: kirim /start ${p.code} ke bot Loket.`,
  'account.chat.how_after': 'Loket membalas begitu chat tersambung. Muat ulang halaman ini untuk melihatnya.',
  'channel.whatsapp': 'WhatsApp',
  'channel.telegram': 'Telegram',
  'channel.simulator': 'Simulator',
  'banner.no_staff_chat':
    'Eskalasi belum sampai ke siapa pun: belum ada staf kelurahan ini yang menyambungkan chat WhatsApp atau Telegram.',
  'banner.no_staff_chat.link': 'Sambungkan chat Anda di halaman Akun.',
  'role.staff': 'Staf',
  'role.lurah': 'Lurah',
  'role.admin': 'Admin',
  'case.title': (p: { code: string }) => `Berkas ${p.code}`,
  'case.kind': 'Jenis',
  'case.kind.service': 'Layanan',
  'case.kind.complaint': 'Pengaduan',
  'case.service': 'Layanan',
  'case.state': 'Tahap',
  'error.not_found.title': 'Tidak ditemukan',
  'error.not_found.body': 'Halaman atau berkas ini tidak ada di kelurahan Anda.',
  'error.form.title': 'Formulir ditolak',
  'error.form.body': 'Formulir ini sudah kedaluwarsa atau tidak dikirim dari Loket. Muat ulang halamannya, lalu coba lagi.',
  'error.signed_out.title': 'Sesi sudah berakhir',
  'error.signed_out.body': 'Silakan masuk lagi, lalu ulangi langkah tadi.',
  'error.throttled.title': 'Terlalu banyak percobaan masuk',
  'error.throttled.body': (p: { minutes: number }) =>
    `Kata sandi sudah 5 kali salah dalam 15 menit. Tunggu ${p.minutes} menit, lalu coba lagi. Jika lupa kata sandi, hubungi admin kelurahan.`,
  'error.to_login': 'Ke halaman masuk',
  'error.to_desk': 'Ke meja layanan',
};

type Catalogue = { [K in keyof typeof deskId]: (typeof deskId)[K] };

export const deskEn: Catalogue = {
  'lang.other': 'Bahasa Indonesia',
  'login.title': 'Sign in to the staff desk',
  'login.lead': 'For the kelurahan staff and the Lurah.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong username or password. Try again.',
  'login.help': "Forgot your password? Ask the kelurahan's admin.",
  'logout': 'Sign out',
  'nav.desk': 'Staff desk',
  'nav.account': 'Account',
  'nav.admin': 'Administration',
  'desk.title': 'Staff desk',
  'desk.greeting': (p) => `Welcome, ${p.name} (${p.role}).`,
  'desk.list_title': 'Cases',
  'desk.list_soon': 'The list of cases will appear here.',
  'account.title': 'My account',
  'account.name': 'Name',
  'account.username': 'Username',
  'account.role': 'Role',
  'account.kelurahan': 'Kelurahan',
  'account.chat.title': 'Chat for escalations',
  'account.chat.lead':
    "Loket sends escalations (cases that are late or stuck) and the morning summary to the WhatsApp or Telegram chats this kelurahan's staff have linked.",
  'account.chat.linked': (p) => `Linked to ${p.channel} ${p.number}.`,
  'account.chat.none': 'No chat is linked to your account yet.',
  'account.chat.make_code': 'Make a link code',
  'account.chat.other_chat': 'Link another chat',
  'account.chat.unlink': 'Unlink this chat',
  'account.chat.code_title': 'Link code',
  'account.chat.code_valid': (p) => `Valid until ${p.time}, for one use.`,
  'account.chat.how': 'Send this code from your phone:',
  'account.chat.how_whatsapp': "WhatsApp: send the code as a message to the kelurahan's Loket WhatsApp number.",
  'account.chat.how_telegram': (p) => `Telegram: send /start ${p.code} to the Loket bot.`,
  'account.chat.how_after': 'Loket answers once the chat is linked. Reload this page to see it.',
  'channel.whatsapp': 'WhatsApp',
  'channel.telegram': 'Telegram',
  'channel.simulator': 'Simulator',
  'banner.no_staff_chat': "Escalations reach nobody: no staff member of this kelurahan has linked a WhatsApp or Telegram chat.",
  'banner.no_staff_chat.link': 'Link your chat on the Account page.',
  'role.staff': 'Staff',
  'role.lurah': 'Lurah',
  'role.admin': 'Administrator',
  'case.title': (p) => `Case ${p.code}`,
  'case.kind': 'Kind',
  'case.kind.service': 'Service',
  'case.kind.complaint': 'Complaint',
  'case.service': 'Service',
  'case.state': 'Stage',
  'error.not_found.title': 'Not found',
  'error.not_found.body': 'This page or case does not exist in your kelurahan.',
  'error.form.title': 'Form refused',
  'error.form.body': 'This form has expired or was not sent from Loket. Reload the page and try again.',
  'error.signed_out.title': 'Your session has ended',
  'error.signed_out.body': 'Please sign in again, then repeat what you were doing.',
  'error.throttled.title': 'Too many sign-in attempts',
  'error.throttled.body': (p) =>
    `The password was wrong 5 times within 15 minutes. Wait ${p.minutes} minutes, then try again. If you forgot your password, ask the kelurahan's admin.`,
  'error.to_login': 'To the sign-in page',
  'error.to_desk': 'To the staff desk',
};

export type DeskKey = keyof Catalogue;
type ParamsOf<K extends DeskKey> = Catalogue[K] extends (params: infer P) => string ? [P] : [];

const catalogues: Record<Locale, Catalogue> = { id: deskId, en: deskEn };

/** `deskText('id')('case.title', { code })`: the key and its parameters are type-checked. */
export function deskText(locale: Locale) {
  return <K extends DeskKey>(key: K, ...params: ParamsOf<K>): string => {
    const entry = catalogues[locale][key] as string | ((p: unknown) => string);
    return typeof entry === 'function' ? entry(params[0]) : entry;
  };
}

export type DeskT = ReturnType<typeof deskText>;
