import type pg from 'pg';
import { withTransaction } from '../../activities/db-transaction.js';

/** Runs `work` in one transaction on one connection; rolls back on any error (one implementation, shared with activities). */
export const inTransaction = withTransaction;

/** Anything that runs queries: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;
