// Bundles a few lines of module source with our esbuild plugins, as the build does,
// and imports the result: for tests of what the plugins change in vendor code.
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

export async function bundleAndImport<T>(source: string, plugins: Plugin[]): Promise<{ mod: T; inputs: string[] }> {
  const out = await build({
    stdin: { contents: source, resolveDir: resolve('.'), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    metafile: true,
    plugins,
  });
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.text).toString('base64')}`)) as T;
  return { mod, inputs: Object.keys(out.metafile.inputs) };
}
