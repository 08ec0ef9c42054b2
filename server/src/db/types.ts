/**
 * Runs one SQL statement with `$1`-style parameters; resolves its rows. A row is read by column name, as its statement
 * says: a type per statement would repeat the SQL.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Query = <Row = Record<string, any>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** The one small interface the server talks to either database through. */
export interface Database {
  kind: 'postgres' | 'pglite';
  query: Query;
  /** Runs `fn` in one transaction; retried (up to 3 times) when PostgreSQL reports a deadlock or serialization failure. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
