package org.liangze.organisation.imports;

import java.util.List;

/**
 * What an import found and did, dry run or not: how many units were added, changed (name or type), moved (another
 * parent) and removed (retired), how many people were added, changed (name, contact or posts in the same units),
 * moved (posts in other units) and left, every problem, and which units and people go. With any problem nothing
 * was applied.
 *
 * @param firstPasswordsUrl where the importing administrator downloads the first passwords of the added people,
 *     once (only after an applied import that added people)
 */
public record ImportReport(Long importId, boolean dryRun, boolean applied, int unitsInFile, int peopleInFile,
    UnitCounts units, PeopleCounts people, List<ImportProblem> problems, List<String> removedUnits,
    List<String> leftPeople, String firstPasswordsUrl) {

  public record UnitCounts(int added, int changed, int moved, int removed) {
  }

  public record PeopleCounts(int added, int changed, int moved, int left) {
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public boolean hasChanges() {
    return units.added + units.changed + units.moved + units.removed
        + people.added + people.changed + people.moved + people.left > 0;
  }

  ImportReport with(Long id, boolean applied, String passwordsUrl) {
    return new ImportReport(id, dryRun, applied, unitsInFile, peopleInFile, units, people, problems, removedUnits,
        leftPeople, passwordsUrl);
  }
}
