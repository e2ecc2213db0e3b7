import type pg from 'pg';

/** Tables the application may read and append to, but never change, empty or alter. */
const APPEND_ONLY = ['audit_log'];
/** Tables the application may only read: the migration record and the chain head (moved by the owner's trigger). */
const READ_ONLY = ['schema_migration', 'audit_chain_head'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isRoleName(name: string): boolean {
  return ROLE_NAME.test(name);
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The statements that give `role` least privilege on the current database: read and write on ordinary tables, only
 * read and insert on the audit log, only read on the migration record and the chain head, use of the sequences —
 * and nothing that DDL, TRUNCATE or disabling a trigger needs, which stay with the owner that runs migrations.
 */
export function grantStatements(role: string, database: string, schema: string): string[] {
  if (!isRoleName(role)) throw new Error(`"${role}" is not a plain role name (lower-case letters, digits, _).`);
  const r = ident(role);
  const s = ident(schema);
  const tables = (names: string[]) => names.map((n) => `${s}.${ident(n)}`).join(', ');
  return [
    `GRANT CONNECT ON DATABASE ${ident(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `REVOKE CREATE ON SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `REVOKE UPDATE, DELETE ON ${tables(APPEND_ONLY)} FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE ON ${tables(READ_ONLY)} FROM ${r}`,
    // UPDATE for setval (the case-history import moves the case number sequence on); not for the audit log's ids.
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    `REVOKE UPDATE ON SEQUENCE ${s}."audit_log_id_seq" FROM ${r}`,
  ];
}

/**
 * Creates the login role when it does not exist (without a password: set one, or use certificate or peer
 * authentication) and grants it least privilege. Run by the owner after every migration, since new tables need
 * grants too; the server does this itself when it is given DATABASE_OWNER_URL.
 */
export async function grantApplicationRole(owner: pg.Pool, role: string): Promise<{ created: boolean }> {
  if (!isRoleName(role)) throw new Error(`"${role}" is not a plain role name (lower-case letters, digits, _).`);
  const client = await owner.connect();
  try {
    const where = await client.query<{ db: string; schema: string; exists: boolean; owner: string }>(
      `SELECT current_database() AS db, current_schema() AS schema, current_user AS owner,
              EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`,
      [role],
    );
    const { db, schema, exists, owner: ownerRole } = where.rows[0]!;
    if (role === ownerRole) throw new Error(`"${role}" is the owner itself; the application needs a role of its own.`);
    await client.query('BEGIN');
    if (!exists) await client.query(`CREATE ROLE ${ident(role)} LOGIN`);
    for (const statement of grantStatements(role, db, schema)) await client.query(statement);
    await client.query('COMMIT');
    return { created: !exists };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The role a pool connects as. */
export async function connectedRole(pool: pg.Pool): Promise<string> {
  return (await pool.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role;
}
