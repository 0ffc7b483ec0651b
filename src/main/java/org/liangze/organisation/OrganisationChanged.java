package org.liangze.organisation;

import java.util.Set;

/**
 * Published after a change to the organisation has committed (an import applied): who was added, whose posts
 * changed or moved, who left, which units were retired, and who did it. Identity follows it at once: Camunda's
 * users, memberships and authorizations are reconciled, changed and left people's sessions end, left people can no
 * longer log in, and tasks they had claimed go back to their units' groups.
 */
public record OrganisationChanged(Set<String> addedLogins, Set<String> changedLogins, Set<String> leftLogins,
    Set<String> retiredUnits, Set<String> writtenUnits, String actor) {

  /**
   * {@code writtenUnits}: units added, renamed or moved in the tree; a move changes who supervises the unit from the
   * level above, so identity follows it even when no person changed.
   */
  public OrganisationChanged {
    addedLogins = Set.copyOf(addedLogins);
    changedLogins = Set.copyOf(changedLogins);
    leftLogins = Set.copyOf(leftLogins);
    retiredUnits = Set.copyOf(retiredUnits);
    writtenUnits = Set.copyOf(writtenUnits);
  }

  /** A change of people only. */
  public OrganisationChanged(Set<String> addedLogins, Set<String> changedLogins, Set<String> leftLogins,
      Set<String> retiredUnits, String actor) {
    this(addedLogins, changedLogins, leftLogins, retiredUnits, Set.of(), actor);
  }

  public boolean isEmpty() {
    return addedLogins.isEmpty() && changedLogins.isEmpty() && leftLogins.isEmpty() && retiredUnits.isEmpty()
        && writtenUnits.isEmpty();
  }
}
