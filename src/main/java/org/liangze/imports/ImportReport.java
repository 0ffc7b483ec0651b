package org.liangze.imports;

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
    List<String> leftPeople, String firstPasswordsUrl, List<CommonListDraft> commonLists) {

  /**
   * One unit type's common list of a year from the 共性清单 sheet: {@code outcome} REVIEW_STARTED (a draft goes to
   * the commission and the committee; in a dry run: would), UNCHANGED (exactly the published list) or IN_REVIEW (a
   * draft of it is being reviewed already; the rows wait for the next import).
   */
  public record CommonListDraft(String unitType, int year, int items, String outcome) {
  }

  public record UnitCounts(int added, int changed, int moved, int removed) {
  }

  public record PeopleCounts(int added, int changed, int moved, int left) {
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public boolean hasChanges() {
    return (commonLists != null && commonLists.stream().anyMatch(list -> list.outcome().equals("REVIEW_STARTED")))
        || units.added + units.changed + units.moved + units.removed
        + people.added + people.changed + people.moved + people.left > 0;
  }

  ImportReport with(Long id, boolean applied, String passwordsUrl) {
    return new ImportReport(id, dryRun, applied, unitsInFile, peopleInFile, units, people, problems, removedUnits,
        leftPeople, passwordsUrl, commonLists);
  }

  ImportReport withCommonLists(List<CommonListDraft> drafts, List<ImportProblem> more) {
    List<ImportProblem> all = new java.util.ArrayList<>(problems);
    all.addAll(more);
    return new ImportReport(importId, dryRun, applied, unitsInFile, peopleInFile, units, people, List.copyOf(all),
        removedUnits, leftPeople, firstPasswordsUrl, List.copyOf(drafts));
  }
}
