import { describe, expect, it } from 'vitest';
import { namesSubcommand } from '../../src/cli/argv.js';

const VALUE_OPTIONS = new Set(['--profile', '--region', '--regions', '--endpoint-url', '--refresh', '--sim-scale', '--sim-faults', '--sim-seed']);
const names = (line: string) => namesSubcommand(line ? line.split(' ') : [], VALUE_OPTIONS);

describe('namesSubcommand: the subcommands load only for a command line that names one', () => {
  it('no: the dashboard, with any global options and their values', () => {
    for (const line of ['', '--demo', '--demo --sim-scale 10000', '--region us-east-1 --profile lab --refresh 5', '--sim-faults throttle=0.3,latency=200 --read-only', '--region=eu-west-1 --demo', '-V', '--version', '--no-alt-screen', '--bogus']) {
      expect(names(line), line).toBe(false);
    }
  });

  it('yes: a subcommand anywhere after the global options, a mistyped one, or a request for help', () => {
    for (const line of ['list', '--demo list -o json', '--region us-east-1 list', '--sim-scale 100 --demo show vol-1', '--region=eu-west-1 list', 'lsit', '--help', '-h', '--demo --help', 'help list', '-- list']) {
      expect(names(line), line).toBe(true);
    }
  });

  it('a value that looks like a subcommand is still a value', () => {
    expect(names('--profile list')).toBe(false);
    expect(names('--profile list list')).toBe(true);
  });
});
