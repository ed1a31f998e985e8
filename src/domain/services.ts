/**
 * The four services of the kelurahan and their published service standard.
 *
 * Requirements are exactly those of the source paper (Tabel 1); the standard follows what
 * Law 25/2009 on public services obliges every unit to publish: requirements, procedure, time,
 * cost, product and complaint handling. KTP and KK are free of charge by law, and the paper's
 * procedure makes the other two free as well.
 */

export const SERVICE_IDS = ['ktp', 'kk', 'nikah', 'situ'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const REQUIREMENT_IDS = [
  'pengantar_rt',
  'kk_copy',
  'kk_old_copy',
  'ktp_copy',
  'ktp_old_copy',
  'surat_pindah',
  'pas_photo',
] as const;
export type RequirementId = (typeof REQUIREMENT_IDS)[number];

export interface Requirement {
  id: RequirementId;
  /**
   * Issued by the RT chair inside Loket rather than uploaded by the resident
   * (Tabel 5 a-b: the chair makes the pengantar and gives it to applicant and kelurahan).
   */
  issuedByRt: boolean;
}

export interface ServiceStandard {
  id: ServiceId;
  /** Prefix of human case codes, for example KTP-2611-0042. */
  codePrefix: string;
  requirements: readonly Requirement[];
  /** The three-day promise: day 1 receive and archive, day 2 verify, day 3 produce. */
  workingDays: 3;
  feeRupiah: 0;
}

const fromRt: Requirement = { id: 'pengantar_rt', issuedByRt: true };
const upload = (id: RequirementId): Requirement => ({ id, issuedByRt: false });

export const SERVICES: Readonly<Record<ServiceId, ServiceStandard>> = {
  kk: {
    id: 'kk',
    codePrefix: 'KK',
    requirements: [fromRt, upload('kk_old_copy'), upload('surat_pindah')],
    workingDays: 3,
    feeRupiah: 0,
  },
  ktp: {
    id: 'ktp',
    codePrefix: 'KTP',
    requirements: [fromRt, upload('kk_copy'), upload('ktp_old_copy'), upload('pas_photo')],
    workingDays: 3,
    feeRupiah: 0,
  },
  nikah: {
    id: 'nikah',
    codePrefix: 'NKH',
    requirements: [fromRt, upload('kk_copy'), upload('ktp_copy'), upload('pas_photo')],
    workingDays: 3,
    feeRupiah: 0,
  },
  situ: {
    id: 'situ',
    codePrefix: 'SITU',
    requirements: [fromRt, upload('ktp_copy'), upload('pas_photo')],
    workingDays: 3,
    feeRupiah: 0,
  },
};

/** Complaints are cases of their own kind, with their own code prefix. */
export const COMPLAINT_CODE_PREFIX = 'ADU';

export function isServiceId(value: string): value is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(value);
}

/** The documents the resident must send as photos or scans, in the order Loket asks for them. */
export function uploadRequirements(service: ServiceId): RequirementId[] {
  return SERVICES[service].requirements.filter((r) => !r.issuedByRt).map((r) => r.id);
}

/** What is still missing, given the requirements already received. */
export function missingUploads(service: ServiceId, received: Iterable<RequirementId>): RequirementId[] {
  const have = new Set(received);
  return uploadRequirements(service).filter((id) => !have.has(id));
}
