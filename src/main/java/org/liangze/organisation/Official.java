package org.liangze.organisation;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The logged-in person as the domain sees them: which units' work they may see, and whether they see the
 * whole district (supervisors, the committee, administrators).
 */
public record Official(String userId, Set<String> groupIds, Set<String> unitCodes, boolean districtWide) {

  private static final Set<String> DISTRICT_WIDE_GROUPS =
      Set.of(Groups.DISCIPLINE_COMMISSION, Groups.DISTRICT_COMMITTEE, Groups.ADMINISTRATORS);

  public static Official of(String userId, Collection<String> groupIds) {
    Set<String> groups = Set.copyOf(groupIds);
    Set<String> units = groups.stream()
        .flatMap(group -> Groups.unitOf(group).stream())
        .collect(Collectors.toUnmodifiableSet());
    boolean districtWide = groups.stream().anyMatch(DISTRICT_WIDE_GROUPS::contains);
    return new Official(userId, groups, units, districtWide);
  }

  /** Whether the caller may read this unit's work: their own units, the units directly under them, or all. */
  public boolean canSee(String unitCode) {
    return districtWide || unitCodes.contains(unitCode) || supervisedUnits().contains(unitCode);
  }

  /**
   * The units directly under one of the caller's units whose work the caller reads from the level above (their
   * secretary's, inspector's or team member's post there, {@link Groups#SUPERVISING_ROLES}); never their own units.
   */
  public Set<String> supervisedUnits() {
    return groupIds.stream().flatMap(group -> Groups.supervisedUnitOf(group).stream())
        .collect(Collectors.toUnmodifiableSet());
  }

  public boolean isMemberOf(String groupId) {
    return groupIds.contains(groupId);
  }
}
