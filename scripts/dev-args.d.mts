// Types of scripts/dev-args.mjs for the test that imports it.
export declare function devArgs(o: { host: string; port: number; persistTo?: string }): string[];
