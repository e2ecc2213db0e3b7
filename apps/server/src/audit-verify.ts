// `npm run audit:verify [-- --anchor N:HASH ...]`: walks the audit log's hash chain and reports the first break.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { describeBreak, verifyAuditChain, type Anchor } from './platform/audit/audit-chain.js';
import { lastForwarded } from './platform/audit/audit-forward.js';

const USAGE = `usage: npm run audit:verify [-- --anchor CHAIN_NO:SHA256_HEX ...] [--forwarded FILE]

Recomputes every hash of the audit log's chain and prints the first break: a changed row, deleted rows, or rows cut
off the end. Prints the head (last row number and hash) when the chain is whole: keep it outside the database and
pass it back as --anchor later, to find a chain rewritten together with its head; --forwarded takes the last entry
of a file written by AUDIT_FORWARD_FILE as such an anchor. Exit code 0 whole, 1 broken.
Uses the same settings as the server (DATABASE_URL, or DATABASE_OWNER_URL when set).`;

function parse(): { anchors: Anchor[]; forwarded?: string } | undefined {
  try {
    const { values } = parseArgs({
      options: {
        anchor: { type: 'string', multiple: true },
        forwarded: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return undefined;
    const anchors: Anchor[] = [];
    for (const raw of values.anchor ?? []) {
      const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(raw);
      if (!m) return undefined;
      anchors.push({ chainNo: Number(m[1]), hash: m[2]! });
    }
    return { anchors, forwarded: values.forwarded };
  } catch {
    return undefined;
  }
}

const args = parse();
if (!args) {
  console.error(USAGE);
  process.exit(2);
}
const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseOwnerUrl ?? config.databaseUrl, dataDir: config.dataDir });
try {
  const anchors = [...args.anchors];
  if (args.forwarded) {
    const last = await lastForwarded(args.forwarded);
    if (!last) throw new Error(`${args.forwarded} holds no forwarded entry.`);
    anchors.push(last);
  }
  const report = await verifyAuditChain(database.pool, anchors);
  if (report.firstBreak) {
    console.log(`audit log BROKEN after ${report.checked} whole rows: ${describeBreak(report.firstBreak)}`);
    process.exitCode = 1;
  } else {
    console.log(`audit log whole: ${report.checked} rows; head ${report.head?.chainNo}:${report.head?.hash}`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
