-- The district summary compiles every unit's half-year report: at 1,000 units it outgrew varchar(200000) and the
-- summary job failed (found by the simulated year, YearOfGrowthBenchmarkTest). Unbounded; on PostgreSQL varchar to
-- text is a change of the catalogue only, no rewrite.
alter table district_summaries alter column content set data type text;
