package org.liangze.organisation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The district's active units as a form's list to pick from: by name, in tree order (each unit followed by its
 * subunits, siblings by code), the unit's code as the value submitted. Nobody types a unit code.
 */
@Service
public class UnitChoices {

  private final UnitRepository units;

  UnitChoices(UnitRepository units) {
    this.units = units;
  }

  /** One option of a Camunda Form select: what the person reads, what the form submits. */
  public record Choice(String label, String value) {
  }

  /** Every active unit. */
  public List<Choice> active() {
    return active(unit -> true);
  }

  /**
   * The active units that pass the filter, in tree order. A unit whose name another listed unit also bears shows its
   * parent's name after it, e.g. "新村（东城街道）".
   */
  public List<Choice> active(Predicate<Unit> filter) {
    List<Unit> all = units.findAllActive();
    Map<String, Unit> byCode = new HashMap<>();
    all.forEach(unit -> byCode.put(unit.code(), unit));
    Map<String, List<Unit>> children = new LinkedHashMap<>();
    List<Unit> roots = new ArrayList<>();
    for (Unit unit : all) {
      if (unit.parentCode() == null || !byCode.containsKey(unit.parentCode())) {
        roots.add(unit);
      } else {
        children.computeIfAbsent(unit.parentCode(), code -> new ArrayList<>()).add(unit);
      }
    }
    List<Unit> ordered = new ArrayList<>();
    roots.sort(Comparator.comparing(Unit::code));
    roots.forEach(root -> walk(root, children, ordered));
    List<Unit> listed = ordered.stream().filter(filter).toList();
    Map<String, Long> nameCounts = new HashMap<>();
    listed.forEach(unit -> nameCounts.merge(unit.name(), 1L, Long::sum));
    return listed.stream().map(unit -> {
      Unit parent = unit.parentCode() == null ? null : byCode.get(unit.parentCode());
      return new Choice(label(unit.name(), parent == null ? null : parent.name(), nameCounts), unit.code());
    }).toList();
  }

  /**
   * What each unit is called where units are listed together (unit code → label), retired units included, by the
   * same rule as the choices: its name, or where another unit bears the same name, its name with its parent's.
   */
  public Map<String, String> labels() {
    return labels(units.names());
  }

  /** One unit's label as {@link #labels()} gives it, read alone (one query, not the whole district's names). */
  public Optional<String> label(String code) {
    return units.nameInContext(code)
        .map(unit -> label(unit.name(), unit.parentName(), Map.of(unit.name(), unit.sameName())));
  }

  /** {@link #labels()} of these units. */
  static Map<String, String> labels(List<UnitRepository.UnitName> all) {
    Map<String, String> names = new HashMap<>();
    Map<String, Long> nameCounts = new HashMap<>();
    all.forEach(unit -> {
      names.put(unit.code(), unit.name());
      nameCounts.merge(unit.name(), 1L, Long::sum);
    });
    Map<String, String> labels = new HashMap<>();
    all.forEach(unit -> labels.put(unit.code(), label(unit.name(), names.get(unit.parentCode()), nameCounts)));
    return labels;
  }

  /** A unit's name, with its parent's when another listed unit bears the same name. */
  private static String label(String name, String parentName, Map<String, Long> nameCounts) {
    return nameCounts.get(name) > 1 && parentName != null ? name + "（" + parentName + "）" : name;
  }

  private static void walk(Unit unit, Map<String, List<Unit>> children, List<Unit> ordered) {
    ordered.add(unit);
    children.getOrDefault(unit.code(), List.of()).stream().sorted(Comparator.comparing(Unit::code))
        .forEach(child -> walk(child, children, ordered));
  }
}
