/** Typings of scripts/code-scan.mjs (read by the error catalogue test). */
export const ROOT: string;
export function filesUnder(dir: string, exts?: string[]): string[];
export function isTest(file: string): boolean;
export function apiSources(): string[];
export function stripComments(text: string): string;
export const QUERY_START: RegExp;
export function queryStarts(text: string): number;
export function layerOf(file: string): string;
export function areaOf(file: string): string;
export function thrownCodes(text: string): { code: string; line: number }[];
export function roleLists(text: string, roles: readonly string[]): { calls: number; has: number; arrays: number };
export function longLines(files: string[], width?: number): number;
