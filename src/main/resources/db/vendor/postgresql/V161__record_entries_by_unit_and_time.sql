-- The score job reads a page of 200 units' record entries of a period (dashboard.ScoreInputsRepository: manual
-- entries, evidence, talks). With only the occurred_at index PostgreSQL read every unit's entries of the period and
-- kept the page's: at city size (5,000,000 entries, 10,000 units) 0.3–1 s a query, three periods a unit, and the
-- first score run of the city took minutes (docs/performance.md, "City size"). By unit, then time: the page's own
-- entries only.
--
-- CONCURRENTLY (as V23): the record manual is large in a running district and a plain build blocks its writes.
create index concurrently if not exists record_entries_unit_occurred_idx on record_entries (unit_code, occurred_at);
