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

  public boolean canSee(String unitCode) {
    return districtWide || unitCodes.contains(unitCode);
  }

  public boolean isMemberOf(String groupId) {
    return groupIds.contains(groupId);
  }
}
