// Types of scripts/serve.mjs (plain JavaScript so that it runs on Node without a build step).
import type { Server } from 'node:http';

export const CONTENT_TYPES: Record<string, string>;
export const DEFAULT_CONTENT_TYPE: string;
export function parseHeadersFile(text: string): Record<string, string>;
export function contentTypeOf(file: string): string;
export function resolveInside(root: string, urlPath: string): Promise<{ file: string; size: number } | null>;
export function createStaticServer(dir: string): Promise<Server>;
