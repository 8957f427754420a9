-- Which one-time seeds have run, so `npm start` seeds demo data once and never twice.
CREATE TABLE seed_runs (
  name    text PRIMARY KEY,
  ran_at  timestamptz NOT NULL DEFAULT now()
);
