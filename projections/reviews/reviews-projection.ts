/**
 * The `reviews` read model and each doctor's rating. ReviewSubmitted's comment is opened with the
 * patient's key; the patient comes from AppointmentRequested, kept in review_parties because the
 * review event does not name them (and another projection's tables may lag behind this one).
 *
 * The rating lives in doctor_ratings (sum and count, this projection's own) and is copied into
 * doctor_search.rating and review_count, which search sorts and filters by. doctor_search belongs
 * to the doctors projection: this one only ever sets those two columns, creating a bare row when
 * the doctor's is not there yet, and the doctors projection reads doctor_ratings when it creates
 * a row, so either may be rebuilt or run ahead of the other and the rating still comes out right.
 */
import { appointmentIdFromStreamId, parseAppointmentEvent } from '../../domain/index.js';
import type { PersonalDataCipher } from '../../eventstore/pii/index.js';
import { partiesOfRequest } from '../appointments/appointment-parties.js';
import type { Projection } from '../projection.js';

export function createReviewsProjection(deps: { readonly cipher: PersonalDataCipher }): Projection {
  return {
    name: 'reviews',
    tables: ['reviews', 'review_parties', 'doctor_ratings'],
    async apply(client, event) {
      const appointmentId = appointmentIdFromStreamId(event.streamId);
      if (!appointmentId) return;
      if (event.type === 'AppointmentRequested') {
        await client.query(
          `INSERT INTO review_parties (appointment_id, patient_id) VALUES ($1, $2)
           ON CONFLICT (appointment_id) DO NOTHING`,
          [appointmentId, partiesOfRequest(event.data).patientId],
        );
        return;
      }
      if (event.type !== 'ReviewSubmitted') return;
      const parsed = parseAppointmentEvent(event.type, event.data);
      if (parsed.type !== 'ReviewSubmitted') return;
      const { rows } = await client.query<{ patient_id: string }>(
        'SELECT patient_id FROM review_parties WHERE appointment_id = $1',
        [appointmentId],
      );
      const patientId = rows[0]?.patient_id;
      if (!patientId) return;
      const { doctorId, rating, sealedComment, submittedAt } = parsed.data;
      const opened = sealedComment ? await deps.cipher.open(client, patientId, { comment: sealedComment }) : {};
      const comment = typeof opened.comment === 'string' ? opened.comment : null;
      const inserted = await client.query(
        `INSERT INTO reviews (appointment_id, doctor_id, patient_id, rating, comment, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (appointment_id) DO NOTHING`,
        [appointmentId, doctorId, patientId, rating, comment, submittedAt],
      );
      if (inserted.rowCount === 0) return; // one review per appointment: a second one counts nothing
      await client.query(
        `INSERT INTO doctor_ratings (doctor_id, rating_sum, review_count) VALUES ($1, $2, 1)
         ON CONFLICT (doctor_id) DO UPDATE SET rating_sum = doctor_ratings.rating_sum + EXCLUDED.rating_sum,
           review_count = doctor_ratings.review_count + 1`,
        [doctorId, rating],
      );
      await client.query(
        `INSERT INTO doctor_search (doctor_id, rating, review_count, updated_at)
         SELECT doctor_id, round(rating_sum::numeric / review_count, 2), review_count, $2
           FROM doctor_ratings WHERE doctor_id = $1
         ON CONFLICT (doctor_id) DO UPDATE SET rating = EXCLUDED.rating, review_count = EXCLUDED.review_count`,
        [doctorId, event.recordedAt],
      );
    },
  };
}
