package org.liangze.support;

import java.util.ArrayList;
import java.util.List;
import org.liangze.organisation.Person;
import org.liangze.organisation.Post;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitType;

/**
 * A district's tree grown to a size for the benchmarks, as DESIGN §2 has it: towns (街镇) with their villages (村居)
 * and district departments (区直部门) with their sections (科室站所), in blocks of one town of
 * {@value #VILLAGES_PER_TOWN} villages and one department of {@value #SECTIONS_PER_DEPARTMENT} sections — every unit
 * but the blocks' heads one level down, as in a real district. Units come parent first, so they can be inserted in
 * order.
 */
public final class GeneratedTree {

  public static final int VILLAGES_PER_TOWN = 18;
  public static final int SECTIONS_PER_DEPARTMENT = 5;

  private GeneratedTree() {
  }

  /** {@code count} units, codes starting with {@code prefix}, parents before their children. */
  public static List<Unit> units(String prefix, int count) {
    List<Unit> tree = new ArrayList<>(count);
    for (int block = 1; tree.size() < count; block++) {
      String town = "%sT%03d".formatted(prefix, block);
      String townName = "第%d街道".formatted(block);
      tree.add(new Unit(town, townName, UnitType.SUBDISTRICT_OR_TOWN, null));
      for (int v = 1; v <= VILLAGES_PER_TOWN && tree.size() < count; v++) {
        tree.add(new Unit("%sV%02d".formatted(town, v), "%s第%d社区".formatted(townName, v),
            UnitType.VILLAGE_OR_COMMUNITY, town));
      }
      if (tree.size() < count) {
        String department = "%sD%03d".formatted(prefix, block);
        String departmentName = "区第%d局".formatted(block);
        tree.add(new Unit(department, departmentName, UnitType.DISTRICT_DEPARTMENT, null));
        for (int s = 1; s <= SECTIONS_PER_DEPARTMENT && tree.size() < count; s++) {
          tree.add(new Unit("%sS%02d".formatted(department, s), "%s第%d科".formatted(departmentName, s),
              UnitType.SECTION_OR_STATION, department));
        }
      }
    }
    return tree;
  }

  /**
   * A secretary for every town and department of the tree (login: the unit code in lower case + "sec"), so the
   * level above each village and section has someone who supervises it.
   */
  public static List<Person> secretaries(List<Unit> tree) {
    return tree.stream().filter(unit -> unit.parentCode() == null)
        .map(unit -> new Person(secretaryOf(unit.code()), unit.name() + "书记", null, null,
            List.of(new Post(unit.code(), Role.SECRETARY))))
        .toList();
  }

  /** The login of the generated secretary of a town or department. */
  public static String secretaryOf(String unitCode) {
    return unitCode.toLowerCase() + "sec";
  }
}
