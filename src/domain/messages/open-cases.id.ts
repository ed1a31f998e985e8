/**
 * Cases still open, as their people are reminded of them: the RT chair's morning list and the
 * resident applying again while a correction waits. Keys mirror open-cases.en.ts.
 */
export const openCasesId = {
  'digest.rt_neighbours': 'pemeriksaan hari ke-2, tetangga sedang ditanya',
  'apply.open_todo_correction': 'Berkas itu menunggu perbaikan data pemohon: ketik nama lengkap (sesuai KK) atau NIK yang benar di chat ini.',
};
