// Types of scripts/staff-account.mjs for the test that imports it.
export declare const ROLES: readonly ['staff', 'lurah', 'admin'];
export declare const USERNAME: RegExp;
export declare const KELURAHAN_ID: RegExp;
export declare const REMOTE_ENVS: readonly ['staging', 'production'];
export declare const MIN_PASSWORD: number;
export declare const MAX_PASSWORD: number;
export declare const PBKDF2_ITERATIONS: number;
export declare class UsageError extends Error {}
export declare const USAGE: string;
export interface StaffArgs {
  help: false;
  username: string;
  kelurahanId: string;
  role: 'staff' | 'lurah' | 'admin';
  name: string | undefined;
  target: 'local' | 'remote';
  env: string;
  persistTo: string | undefined;
}
export declare function parseArgs(argv: string[]): StaffArgs | { help: true };
export declare function d1ExecuteArgs(a: Pick<StaffArgs, 'target' | 'env' | 'persistTo'>, sql: string): string[];
export declare function passwordProblem(password: string, target: 'local' | 'remote'): string | null;
export declare function hashPassword(password: string, salt?: Uint8Array): string;
export declare function sqlString(value: string): string;
export declare const LIST_KELURAHAN_SQL: string;
export declare function upsertStaffSql(
  a: Pick<StaffArgs, 'username' | 'kelurahanId' | 'role' | 'name'>,
  passwordHash: string,
  now?: number,
  id?: string,
): string;
