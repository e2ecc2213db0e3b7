/**
 * The Kysely view of the database. Each capability adds its own tables by declaration merging:
 *
 *   declare module '../../platform/db/schema.js' { interface DB { case_type: CaseTypeTable } }
 *
 * so no single file has to know every table.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DB {}
