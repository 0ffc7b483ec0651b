package org.liangze.organisation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Level by level (逐级, DESIGN §2): who reviews a unit's tailored list, self-check and half-year report is decided by
 * {@code processes/review-routing.dmn} (process, unit type, level → reviewing post and reviewing level), which a
 * designer changes without Java. The models call it from a business rule task before the review; this bean, reached
 * from the models as {@code reviewRouting}, gives the table its inputs ({@link #unitTypeOf}, {@link #levelOf}) and
 * turns its outputs into the review task's candidate groups ({@link #candidateGroups}).
 */
@Component("reviewRouting")
public class ReviewRouting {

  /** The decision's key, as the business rule tasks reference it. */
  public static final String DECISION_KEY = "reviewRouting";

  /** The table's inputs and outputs, as process variables. */
  public static final class Variables {
    public static final String REVIEWED_PROCESS = "reviewedProcess";
    public static final String UNIT_TYPE = "unitType";
    public static final String UNIT_LEVEL = "unitLevel";
    public static final String REVIEWING_POST = "reviewingPost";
    public static final String REVIEWING_LEVEL = "reviewingLevel";

    private Variables() {
    }
  }

  /** Which unit reviews: the reviewed unit's parent, or the district. */
  public enum Level {
    PARENT, DISTRICT
  }

  /** Which post of the reviewing unit (or of the district) reviews. */
  public enum Post {
    SECRETARY_OR_INSPECTOR, SECRETARY, INSPECTOR, DISCIPLINE_COMMISSION, DISTRICT_COMMITTEE
  }

  private final UnitRepository units;

  ReviewRouting(UnitRepository units) {
    this.units = units;
  }

  /** The unit's type, as the table reads it ({@link UnitType} name). */
  public String unitTypeOf(String unitCode) {
    return unit(unitCode).type().name();
  }

  /** The unit's level in the tree: 1 directly under the district, 2 under a unit of level 1, and so on. */
  public int levelOf(String unitCode) {
    int level = 1;
    Unit unit = unit(unitCode);
    while (unit.parentCode() != null) {
      level++;
      if (level > 32) {
        throw new IllegalStateException("The parents of unit " + unitCode + " form a cycle");
      }
      unit = unit(unit.parentCode());
    }
    return level;
  }

  /** The reviewing unit for a unit and a level: its parent, or none (the district). */
  public Optional<String> reviewingUnit(String unitCode, Level level) {
    if (level == Level.DISTRICT) {
      return Optional.empty();
    }
    String parent = unit(unitCode).parentCode();
    if (parent == null) {
      throw new IllegalStateException("Unit " + unitCode + " is directly under the district and has no parent to "
          + "review it; review-routing.dmn must route it to the district");
    }
    return Optional.of(parent);
  }

  /** The candidate groups of the review task: the table's reviewing post at its reviewing level. */
  public List<String> candidateGroups(String unitCode, String reviewingPost, String reviewingLevel) {
    Post post = Post.valueOf(reviewingPost);
    Level level = Level.valueOf(reviewingLevel);
    Optional<String> reviewer = reviewingUnit(unitCode, level);
    List<String> groups = new ArrayList<>();
    switch (post) {
      case DISCIPLINE_COMMISSION -> groups.add(Groups.DISCIPLINE_COMMISSION);
      case DISTRICT_COMMITTEE -> groups.add(Groups.DISTRICT_COMMITTEE);
      case SECRETARY, INSPECTOR, SECRETARY_OR_INSPECTOR -> {
        String unit = reviewer.orElseThrow(() -> new IllegalStateException("review-routing.dmn routes unit "
            + unitCode + " to the district with the unit post " + post));
        if (post != Post.INSPECTOR) {
          groups.add(Groups.of(Role.SECRETARY, unit));
        }
        if (post != Post.SECRETARY) {
          groups.add(Groups.of(Role.INSPECTOR, unit));
        }
      }
      default -> throw new IllegalStateException("Unknown reviewing post " + post);
    }
    return groups;
  }

  private Unit unit(String code) {
    return units.findByCode(code).orElseThrow(() -> new IllegalStateException("Unknown unit " + code));
  }
}
