/** The admin queue of verification applications (doctor_applications joined with the doctor's name). */
import type { Queryable } from './doctor-row-io.js';

export interface ApplicationQueueItem {
  readonly doctorId: string;
  readonly displayName: string;
  readonly status: string;
  readonly submittedAt: string;
  readonly waitingSince: string | null;
  readonly escalated: boolean;
  readonly lastDecisionAt: string | null;
  readonly lastReasonCode: string | null;
}

export interface ApplicationQueueFilter {
  readonly first: number;
  readonly status?: string;
  /** Only applications waiting for an admin (the default view of the queue). */
  readonly waitingOnly: boolean;
  readonly escalatedOnly: boolean;
}

/** Escalated first, then the longest waiting; decided applications after, most recent first. */
export async function listApplications(db: Queryable, filter: ApplicationQueueFilter): Promise<ApplicationQueueItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    params.push(filter.status);
    where.push(`a.status = $${params.length}`);
  }
  if (filter.waitingOnly) where.push('a.waiting_since IS NOT NULL');
  if (filter.escalatedOnly) where.push('a.escalated');
  params.push(filter.first);
  const { rows } = await db.query(
    `SELECT a.doctor_id, coalesce(d.display_name, '') AS display_name, a.status, a.submitted_at, a.waiting_since,
            a.escalated, a.last_decision_at, a.last_reason_code
       FROM doctor_applications a LEFT JOIN doctor_search d ON d.doctor_id = a.doctor_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.escalated DESC, a.waiting_since ASC NULLS LAST, a.updated_at DESC, a.doctor_id
      LIMIT $${params.length}`,
    params,
  );
  return rows.map((raw: Record<string, unknown>) => ({
    doctorId: String(raw.doctor_id),
    displayName: String(raw.display_name),
    status: String(raw.status),
    submittedAt: (raw.submitted_at as Date).toISOString(),
    waitingSince: raw.waiting_since ? (raw.waiting_since as Date).toISOString() : null,
    escalated: Boolean(raw.escalated),
    lastDecisionAt: raw.last_decision_at ? (raw.last_decision_at as Date).toISOString() : null,
    lastReasonCode: raw.last_reason_code === null ? null : String(raw.last_reason_code),
  }));
}
