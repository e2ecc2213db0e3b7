import { parseArgs } from 'node:util';
import { MiningError, type MiningErrorCode } from '../errors.js';
import { COMMANDS, type Ctx } from './commands.js';
import { isTextEncoding, TEXT_ENCODINGS } from '../log/input-stream.js';

export const USAGE = `usage: sagsgang-mine <command> [options] <files>

commands
  stats <log>                      counts, time range, attributes (JSON)
  variants <log> [--limit N]       variants with counts and shares
  dfg <log>                        directly-follows edges with counts and durations
  discover <log> [--noise 0.2] [--as bpmn|pnml|tree]   inductive miner (IMf with --noise)
  replay <log> <model>             token-based replay fitness
  align <log> <model> [--workers N] [--deviations] [--deadline-case ATTR] [--deadline-event ATTR]
  precision <log> <model> [--alignments]               ETC precision
  soundness <model>                soundness report (exit 4 when unsound)
  convert <file> --to xes|csv|ocel|pnml [--output FILE]

logs: .xes .xes.gz .csv (--case --activity --timestamp --resource --encoding auto|utf-8|windows-1252) .jsonocel/.xmlocel (--object-type)
models: .pnml .bpmn        output: --format json|csv     progress on stderr: --progress / --no-progress

exit codes: 0 ok, 2 usage, 3 bad input data, 4 model unsupported or unsound, 5 search limit, 130 cancelled, 1 internal error`;

const EXIT: Partial<Record<MiningErrorCode, number>> = {
  invalid_argument: 2,
  unsupported_bpmn_element: 4,
  unsound_net: 4,
  state_limit: 5,
  aborted: 130,
};

/** Runs the command line; returns the exit code (never throws). */
export async function main(
  argv: string[],
  io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        limit: { type: 'string' },
        noise: { type: 'string' },
        as: { type: 'string' },
        workers: { type: 'string' },
        deviations: { type: 'boolean' },
        'deadline-case': { type: 'string' },
        'deadline-event': { type: 'string' },
        alignments: { type: 'boolean' },
        to: { type: 'string' },
        output: { type: 'string' },
        format: { type: 'string' },
        case: { type: 'string' },
        activity: { type: 'string' },
        timestamp: { type: 'string' },
        resource: { type: 'string' },
        encoding: { type: 'string' },
        'object-type': { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command, ...files] = parsed.positionals;
  if (parsed.values.help || !command) {
    io.out(USAGE + '\n');
    return command || parsed.values.help ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  const encoding = v.encoding ?? 'auto';
  if (!isTextEncoding(encoding)) {
    io.err(`--encoding must be one of ${TEXT_ENCODINGS.join(', ')}\n`);
    return 2;
  }
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const ctx: Ctx = {
    files,
    opt: v,
    out: io.out,
    format: v.format === 'csv' ? 'csv' : 'json',
    load: {
      mapping: { case: v.case, activity: v.activity, timestamp: v.timestamp, resource: v.resource },
      encoding,
      objectType: v['object-type'],
      progress: v['no-progress'] ? false : (v.progress ?? Boolean(process.stderr.isTTY)),
      signal: ac.signal,
    },
  };
  try {
    return (await run(ctx)) ?? 0;
  } catch (e) {
    if (e instanceof MiningError) {
      io.err(`sagsgang-mine: ${e.code}: ${e.message}\n`);
      return EXIT[e.code] ?? 3;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      io.err(`sagsgang-mine: file not found: ${err.path}\n`);
      return 3;
    }
    io.err(`sagsgang-mine: internal error: ${err.stack ?? err}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
