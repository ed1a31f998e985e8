// Types of scripts/dev-args.mjs for the test that imports it.
export declare function devArgs(o: { host: string; port: number; persistTo?: string }): string[];
export declare function runDev(wrangler: string, args: string[], env: NodeJS.ProcessEnv, onExit?: (code: number | null) => void): { stop(code?: number): void };
