#!/usr/bin/env node
// npm run backtest -- LOG: the decision forecast's backtest by calendar snapshots on an event log. A thin file over
// the packages' entry points: the log readers of @sagsgang/mining, the estimators and the backtest of @sagsgang/clock.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importWorkspacePackages } from './workspace-import.mjs';

const USAGE = `usage: npm run backtest -- LOG [options]

Replays the expected-decision forecast on an event log (XES, .xes.gz or CSV): one case per trace, start = its first
event, decision = its last. Every Monday 00:00 UTC each open case gets a forecast from what was known then, by
today's estimator (the 500 most recently decided cases) and by the survival estimator (a 12-month period
Kaplan-Meier curve that counts the open cases too), and both are scored against the actual decision.

options
  --case-column NAME       CSV: the case id column (guessed from the header when absent)
  --activity-column NAME   CSV: the activity column
  --timestamp-column NAME  CSV: the timestamp column
  --forecasts FILE.csv     write the survival estimator's forecasts of the evaluated span, one row each:
                           case_id,as_of,elapsed_days,median_days,upper_days,upper_open,confidence,median_open
                           (as_of in UTC; *_open true where the answer is "more than N days", N in *_days)
  --json                   print the figures as JSON instead of a table
  --window-days N          the survival estimator's window of experience (default 365)
  --open-bounds MODE       how "more than N days" bounds count in the shares: excluded (default), held, missed
  -h, --help               this text

exit codes: 0 ok, 2 usage, 3 unreadable or unusable log`;

/** The packages' entry points: their build when it is current, else their sources through the TypeScript loader. */
const load = () => importWorkspacePackages(['@sagsgang/clock', '@sagsgang/mining']);

/** First and last event time of each case (epoch ms; NaN when a case has no usable time). */
function caseSpans(log) {
  const spans = [];
  for (let c = 0; c < log.caseCount; c++) {
    let start = Infinity;
    let end = -Infinity;
    for (let i = log.caseOffsets[c]; i < log.caseOffsets[c + 1]; i++) {
      const t = log.timestamps[i];
      if (t < start) start = t;
      if (t > end) end = t;
    }
    spans.push({ caseId: log.caseIds[c], start: start <= end ? start : NaN, end: start <= end ? end : NaN });
  }
  return spans;
}

function parse(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'case-column': { type: 'string' },
      'activity-column': { type: 'string' },
      'timestamp-column': { type: 'string' },
      forecasts: { type: 'string' },
      json: { type: 'boolean' },
      'window-days': { type: 'string' },
      'open-bounds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const windowDays = values['window-days'] === undefined ? 365 : Number(values['window-days']);
  if (!(windowDays > 0)) throw new TypeError('--window-days must be a positive number of days');
  const openCountsAs = values['open-bounds'] ?? 'excluded';
  if (!['excluded', 'held', 'missed'].includes(openCountsAs))
    throw new TypeError('--open-bounds: excluded, held or missed');
  if (!values.help && positionals.length !== 1) throw new TypeError('give exactly one log file');
  return { values, file: positionals[0], windowDays, openCountsAs };
}

async function main(argv) {
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const [clock, mining] = await load();
  const { file, values } = args;
  const name = file.toLowerCase();
  const t0 = performance.now();
  let log;
  try {
    if (name.endsWith('.xes') || name.endsWith('.xes.gz')) log = await mining.readXes(file);
    else if (name.endsWith('.csv') || name.endsWith('.csv.gz')) {
      const mapping = {
        case: values['case-column'],
        activity: values['activity-column'],
        timestamp: values['timestamp-column'],
      };
      log = await mining.readCsv(file, { mapping });
    } else
      throw new mining.MiningError('invalid_argument', `cannot tell the log format of ${file} (.xes, .xes.gz, .csv)`);
  } catch (e) {
    const why = e.code === 'ENOENT' ? `file not found: ${file}` : e instanceof mining.MiningError ? e.message : e.stack;
    process.stderr.write(`backtest: ${why}\n`);
    return e.code === 'ENOENT' || e instanceof mining.MiningError ? 3 : 1;
  }
  const t1 = performance.now();
  const settings = { historySize: 500, minSample: 20, upperQuantile: 0.9, windowDays: args.windowDays };
  const result = clock.snapshotBacktest(caseSpans(log), {
    ...settings,
    openCountsAs: args.openCountsAs,
    keepForecasts: values.forecasts !== undefined,
  });
  const timings = { readMs: Math.round(t1 - t0), backtestMs: Math.round(performance.now() - t1) };
  if (result.cases === 0) {
    process.stderr.write(`backtest: no case in ${file} has a usable timestamp\n`);
    return 3;
  }
  if (values.forecasts !== undefined) writeFileSync(values.forecasts, clock.forecastRowsCsv(result.forecasts));
  const { forecasts: _rows, ...figures } = result;
  if (values.json) {
    const iso = (ms) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
    const s = figures.span;
    const span = { ...s, firstStart: iso(s.firstStart), logEnd: iso(s.logEnd), evaluateFrom: iso(s.evaluateFrom) };
    span.evaluateTo = iso(s.evaluateTo);
    const out = {
      log: path.basename(file),
      ...figures,
      span,
      settings: { ...settings, openCountsAs: args.openCountsAs },
    };
    process.stdout.write(JSON.stringify({ ...out, timings }, null, 2) + '\n');
  } else {
    const labels = { log: path.basename(file), ...settings, openCountsAs: args.openCountsAs };
    process.stdout.write(clock.formatSnapshotBacktest(result, labels));
    process.stdout.write(`read the log in ${timings.readMs} ms, backtest in ${timings.backtestMs} ms\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
