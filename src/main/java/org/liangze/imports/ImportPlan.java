package org.liangze.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.imports.OrganisationState.PersonState;
import org.liangze.imports.OrganisationState.UnitState;

/**
 * What applying an import would do: the units to write (added, changed, moved; parents before children), the units
 * to retire, the people to write and the people who left, with the report. {@code units} or {@code people} is null
 * where the import did not bring that sheet (it stays as it is).
 */
record ImportPlan(ImportReport report, List<UnitState> unitsToWrite, Set<String> unitsToRetire,
    List<PersonState> peopleToWrite, Set<String> peopleLeaving, Set<String> addedLogins, Set<String> changedLogins,
    Map<String, UnitState> targetUnits) {
}
