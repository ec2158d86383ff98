// Types for scripts/esbuild-plugins.mjs, which tests import.
import type { Plugin } from 'esbuild';

export declare const sdkSchemaTreeShaking: Plugin;
export declare const yogaWithoutFetch: Plugin;
export declare const fastStringWidth: Plugin;
export declare const boundedInkCaches: Plugin;
