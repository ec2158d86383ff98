// vitest globalSetup: ONE moto_server shared by every test file of the run.
// Test files read its endpoint with `motoEndpointOrSkip()` (test/helpers/moto.ts)
// and skip their moto suites when it is ''. With PRISM_REQUIRE_MOTO=1 (set by
// .ci/run) a missing moto_server fails the run instead of skipping silently.
import type { TestProject } from 'vitest/node';
import { findMotoServer, startMoto, type MotoServer } from './moto.js';

let server: MotoServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.PRISM_REQUIRE_MOTO === '1';
  const bin = findMotoServer();
  if (!bin) {
    if (required) {
      throw new Error('moto_server not found but PRISM_REQUIRE_MOTO=1: install moto[server] (pip install "moto[server]") so the provider integration tests can run');
    }
    console.warn('moto_server not found: provider integration tests are SKIPPED (install moto[server] to run them)');
    project.provide('motoEndpoint', '');
    return async () => {};
  }
  try {
    server = await startMoto();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (required) throw new Error(`moto_server (${bin}) failed to start and PRISM_REQUIRE_MOTO=1: ${why}`);
    console.warn(`moto_server (${bin}) failed to start: provider integration tests are SKIPPED (${why.split('\n')[0]})`);
    project.provide('motoEndpoint', '');
    return async () => {};
  }
  project.provide('motoEndpoint', server.endpoint);
  return async () => {
    await server?.stop();
    server = undefined;
  };
}
