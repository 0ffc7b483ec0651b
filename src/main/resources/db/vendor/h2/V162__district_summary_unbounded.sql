-- The district summary compiles every unit's half-year report: at 1,000 units it outgrew varchar(200000) and the
-- summary job failed (found by the simulated year, YearOfGrowthBenchmarkTest). H2's longest character string.
alter table district_summaries alter column content set data type varchar(1000000000);
