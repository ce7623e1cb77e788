// Types of scripts/native-artifacts.mjs (plain JavaScript, since it runs at install time
// before any TypeScript is built), for the tests that compare it with the loader.
export declare const NATIVE_FILES: readonly string[];
export declare const LOCAL_BUILD_DIR: string;
export declare const PREBUILD_DIR: string;
export declare const UNAVAILABLE_FILE: string;
export declare function prebuildDir(root: string, platform?: string, arch?: string): string;
