package org.liangze.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.liangze.imports.ImportReport.PeopleCounts;
import org.liangze.imports.ImportReport.UnitCounts;
import org.liangze.imports.OrganisationState.PersonState;
import org.liangze.imports.OrganisationState.PostState;
import org.liangze.imports.OrganisationState.UnitState;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitType;

/**
 * Checks the rows of an import against each other and against the organisation as it is, and works out what
 * applying it changes. A full import is the truth: a unit missing from the 单位 sheet is retired (refused while it
 * has open work), a person missing from the 人员 sheet has left. Pure: the caller reads the state and applies the plan.
 */
final class ImportPlanner {

  static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
  static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9]{1,64}");
  static final Pattern MOBILE = Pattern.compile("1[0-9]{10}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final int MAX_UNIT_NAME = 100;
  static final int MAX_PERSON_NAME = 50;
  static final int MAX_EMAIL = 200;

  /** How many units with open work the report names in one message, at most. */
  private static final int NAMED = 20;

  /** Open tasks of the given units, by unit code (units without open work may be missing). */
  interface OpenWork {
    Map<String, Long> openTasks(Collection<String> unitCodes);
  }

  private final OrganisationState current;
  private final OpenWork openWork;
  private final Set<String> reservedLogins;
  private final List<ImportProblem> problems = new ArrayList<>();

  ImportPlanner(OrganisationState current, OpenWork openWork, Set<String> reservedLogins) {
    this.current = current;
    this.openWork = openWork;
    this.reservedLogins = reservedLogins;
  }

  ImportPlan plan(ParsedSheets sheets, boolean dryRun) {
    problems.addAll(sheets.problems());
    Map<String, UnitState> targetUnits = sheets.units() == null ? activeUnits() : units(sheets.units());
    Map<String, PersonState> targetPeople = sheets.people() == null ? stayingPeople()
        : people(sheets.people(), targetUnits);

    // units
    List<UnitState> unitsToWrite = new ArrayList<>();
    int unitsAdded = 0;
    int unitsChanged = 0;
    int unitsMoved = 0;
    Set<String> movedUnits = new HashSet<>();
    for (UnitState unit : parentsFirst(targetUnits)) {
      UnitState before = current.units().get(unit.code());
      if (before == null || !before.active()) {
        unitsAdded++;
        unitsToWrite.add(unit);
      } else if (!Objects.equals(before.parentCode(), unit.parentCode())) {
        unitsMoved++;
        movedUnits.add(unit.code());
        unitsToWrite.add(unit);
      } else if (!before.name().equals(unit.name()) || before.type() != unit.type()) {
        unitsChanged++;
        unitsToWrite.add(unit);
      }
    }
    Set<String> unitsToRetire = current.units().values().stream()
        .filter(unit -> unit.active() && !targetUnits.containsKey(unit.code()))
        .map(UnitState::code)
        .collect(Collectors.toCollection(TreeSet::new));
    checkRetirements(unitsToRetire, targetPeople, sheets.people() == null);

    // people
    List<PersonState> peopleToWrite = new ArrayList<>();
    Set<String> added = new TreeSet<>();
    Set<String> changedPosts = new TreeSet<>();
    int peopleChanged = 0;
    int peopleMoved = 0;
    for (PersonState person : targetPeople.values()) {
      PersonState before = current.people().get(person.login());
      if (before == null || before.left()) {
        added.add(person.login());
        peopleToWrite.add(person);
        continue;
      }
      boolean postsChanged = !before.posts().equals(person.posts());
      if (!unitsOf(before.posts()).equals(unitsOf(person.posts()))) {
        peopleMoved++;
        peopleToWrite.add(person);
      } else if (postsChanged || !Objects.equals(before.name(), person.name())
          || !Objects.equals(blankToNull(before.mobile()), person.mobile())
          || !Objects.equals(blankToNull(before.email()), person.email())) {
        peopleChanged++;
        peopleToWrite.add(person);
      }
      if (postsChanged || person.posts().stream().anyMatch(post -> movedUnits.contains(post.unitCode()))) {
        changedPosts.add(person.login());
      }
    }
    Set<String> leaving = current.people().values().stream()
        .filter(person -> !person.left() && !targetPeople.containsKey(person.login()))
        .map(PersonState::login)
        .collect(Collectors.toCollection(TreeSet::new));

    problems.sort(java.util.Comparator.comparing((ImportProblem p) -> sheetOrder(p.sheet()))
        .thenComparing(p -> p.row() == null ? 0 : p.row()));
    ImportReport report = new ImportReport(null, dryRun, false, sheets.units() == null ? 0 : targetUnits.size(),
        sheets.people() == null ? 0 : targetPeople.size(),
        new UnitCounts(unitsAdded, unitsChanged, unitsMoved, unitsToRetire.size()),
        new PeopleCounts(added.size(), peopleChanged, peopleMoved, leaving.size()),
        List.copyOf(problems), List.copyOf(unitsToRetire), List.copyOf(leaving), null, List.of());
    return new ImportPlan(report, unitsToWrite, unitsToRetire, peopleToWrite, leaving, added, changedPosts,
        targetUnits);
  }

  private static int sheetOrder(String sheet) {
    return ImportSheets.UNITS.equals(sheet) ? 0 : ImportSheets.PEOPLE.equals(sheet) ? 1 : -1;
  }

  // ---- units

  private Map<String, UnitState> activeUnits() {
    return current.units().values().stream().filter(UnitState::active)
        .collect(Collectors.toMap(UnitState::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private Map<String, UnitState> units(List<SheetRow> rows) {
    String sheet = ImportSheets.UNITS;
    Map<String, UnitState> units = new LinkedHashMap<>();
    Map<String, Integer> firstRow = new HashMap<>();
    Map<String, Integer> rowOf = new HashMap<>();
    for (SheetRow row : rows) {
      int before = problems.size();
      String code = row.get(ImportSheets.UNIT_CODE);
      String name = row.get(ImportSheets.UNIT_NAME);
      String typeLabel = row.get(ImportSheets.UNIT_TYPE);
      String parent = row.get(ImportSheets.PARENT_CODE);
      if (code.isEmpty()) {
        problem(sheet, row, ImportSheets.UNIT_CODE, "单位代码不能为空");
      } else if (!UNIT_CODE.matcher(code).matches()) {
        problem(sheet, row, ImportSheets.UNIT_CODE, "单位代码“" + code + "”不正确：只能是 1-32 位英文字母或数字");
      } else if (firstRow.containsKey(code.toUpperCase())) {
        problem(sheet, row, ImportSheets.UNIT_CODE,
            "单位代码“" + code + "”重复：第 " + firstRow.get(code.toUpperCase()) + " 行已有此代码");
      }
      if (name.isEmpty()) {
        problem(sheet, row, ImportSheets.UNIT_NAME, "单位名称不能为空");
      } else if (name.length() > MAX_UNIT_NAME) {
        problem(sheet, row, ImportSheets.UNIT_NAME, "单位名称过长（最多 " + MAX_UNIT_NAME + " 字）");
      }
      Optional<UnitType> type = UnitType.byLabel(typeLabel);
      if (type.isEmpty()) {
        problem(sheet, row, ImportSheets.UNIT_TYPE, typeLabel.isEmpty() ? "单位类型不能为空"
            : "未知的单位类型“" + typeLabel + "”：应为 " + Arrays.stream(UnitType.values()).map(UnitType::label)
                .collect(Collectors.joining(" / ")));
      }
      if (!parent.isEmpty() && !UNIT_CODE.matcher(parent).matches()) {
        problem(sheet, row, ImportSheets.PARENT_CODE, "上级单位代码“" + parent + "”不正确：只能是英文字母或数字");
      }
      if (!code.isEmpty()) {
        firstRow.putIfAbsent(code.toUpperCase(), row.row());
      }
      if (problems.size() == before) {
        units.put(code, new UnitState(code, name, type.orElseThrow(), parent.isEmpty() ? null : parent, true));
        rowOf.put(code, row.row());
      }
    }
    // parents: known, not a cycle, and of a type the child may sit under
    for (UnitState unit : units.values()) {
      int row = rowOf.get(unit.code());
      if (unit.parentCode() == null) {
        if (!unit.type().mayBeUnder(null)) {
          problems.add(new ImportProblem(sheet, row, ImportSheets.PARENT_CODE,
              unit.type().label() + "须填写上级单位代码：" + unit.type().placement()));
        }
        continue;
      }
      UnitState parent = units.get(unit.parentCode());
      if (parent == null) {
        boolean inFile = firstRow.containsKey(unit.parentCode().toUpperCase());
        problems.add(new ImportProblem(sheet, row, ImportSheets.PARENT_CODE, inFile
            ? "上级单位“" + unit.parentCode() + "”所在行有错误，请先更正该行"
            : "上级单位“" + unit.parentCode() + "”不存在：上级单位须在单位表中"));
        continue;
      }
      List<String> cycle = cycleFrom(unit, units);
      if (cycle != null) {
        problems.add(new ImportProblem(sheet, row, ImportSheets.PARENT_CODE,
            "上级单位形成循环：" + String.join(" → ", cycle)));
        continue;
      }
      if (!unit.type().mayBeUnder(parent.type())) {
        problems.add(new ImportProblem(sheet, row, ImportSheets.PARENT_CODE, unit.type().label() + "“" + unit.name()
            + "”不能隶属于" + parent.type().label() + "“" + parent.name() + "”：" + unit.type().placement()));
      }
    }
    return units;
  }

  /** The cycle of parents {@code unit} is part of, from it back to it, or null. */
  private static List<String> cycleFrom(UnitState unit, Map<String, UnitState> units) {
    List<String> path = new ArrayList<>(List.of(unit.code()));
    Set<String> seen = new HashSet<>(path);
    for (UnitState at = units.get(unit.parentCode()); at != null; at = units.get(at.parentCode())) {
      path.add(at.code());
      if (at.code().equals(unit.code())) {
        return path;
      }
      if (!seen.add(at.code())) {
        return null; // a cycle above this unit: reported on its own members
      }
    }
    return null;
  }

  /** Parents before their children, so inserts satisfy the parent reference (units in a cycle come last). */
  private static List<UnitState> parentsFirst(Map<String, UnitState> units) {
    List<UnitState> ordered = new ArrayList<>(units.size());
    Set<String> placed = new HashSet<>();
    Map<String, List<UnitState>> children = new HashMap<>();
    List<UnitState> level = new ArrayList<>();
    for (UnitState unit : units.values()) {
      if (unit.parentCode() == null || !units.containsKey(unit.parentCode())) {
        level.add(unit);
      } else {
        children.computeIfAbsent(unit.parentCode(), k -> new ArrayList<>()).add(unit);
      }
    }
    while (!level.isEmpty()) {
      List<UnitState> next = new ArrayList<>();
      for (UnitState unit : level) {
        if (placed.add(unit.code())) {
          ordered.add(unit);
          next.addAll(children.getOrDefault(unit.code(), List.of()));
        }
      }
      level = next;
    }
    units.values().stream().filter(unit -> !placed.contains(unit.code())).forEach(ordered::add);
    return ordered;
  }

  private void checkRetirements(Set<String> retiring, Map<String, PersonState> people, boolean peopleKept) {
    if (retiring.isEmpty()) {
      return;
    }
    Map<String, Long> open = openWork.openTasks(retiring);
    List<String> busy = retiring.stream().filter(code -> open.getOrDefault(code, 0L) > 0).toList();
    for (String code : busy.subList(0, Math.min(NAMED, busy.size()))) {
      UnitState unit = current.units().get(code);
      problems.add(ImportProblem.file(ImportSheets.UNITS, "单位“" + code + " " + unit.name() + "”不在导入文件中，将被撤销，但还有 "
          + open.get(code) + " 项未办结的工作：请待办结后再撤销，或在文件中保留该单位"));
    }
    if (busy.size() > NAMED) {
      problems.add(ImportProblem.file(ImportSheets.UNITS, "另有 " + (busy.size() - NAMED) + " 个将被撤销的单位还有未办结的工作"));
    }
    if (peopleKept) {
      for (PersonState person : people.values()) {
        for (PostState post : person.posts()) {
          if (post.unitCode() != null && retiring.contains(post.unitCode())) {
            problems.add(ImportProblem.file(ImportSheets.PEOPLE, "人员“" + person.login() + "”仍在将被撤销的单位“"
                + post.unitCode() + "”任职：请同时导入人员表"));
          }
        }
      }
    }
  }

  // ---- people

  private Map<String, PersonState> stayingPeople() {
    return current.people().values().stream().filter(person -> !person.left())
        .collect(Collectors.toMap(PersonState::login, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private Map<String, PersonState> people(List<SheetRow> rows, Map<String, UnitState> units) {
    String sheet = ImportSheets.PEOPLE;
    record Seen(SheetRow row, String login, String name, String mobile, String email) {
    }
    Map<String, Seen> first = new HashMap<>();
    Map<String, PersonState> people = new LinkedHashMap<>();
    Map<String, Map<PostState, Integer>> postRows = new HashMap<>();
    Set<String> broken = new HashSet<>();
    for (SheetRow row : rows) {
      int before = problems.size();
      String login = row.get(ImportSheets.LOGIN);
      String name = row.get(ImportSheets.NAME);
      String unitCode = row.get(ImportSheets.UNIT_CODE);
      String postLabel = row.get(ImportSheets.POST);
      String mobile = row.get(ImportSheets.MOBILE);
      String email = row.get(ImportSheets.EMAIL);
      if (login.isEmpty()) {
        problem(sheet, row, ImportSheets.LOGIN, "登录名不能为空");
      } else if (!LOGIN.matcher(login).matches()) {
        problem(sheet, row, ImportSheets.LOGIN, "登录名“" + login + "”不正确：只能是 1-64 位英文字母或数字");
      } else if (reservedLogins.stream().anyMatch(login::equalsIgnoreCase)) {
        problem(sheet, row, ImportSheets.LOGIN, "登录名“" + login + "”是系统管理员的登录名，不能用于人员");
      }
      if (name.isEmpty()) {
        problem(sheet, row, ImportSheets.NAME, "姓名不能为空");
      } else if (name.length() > MAX_PERSON_NAME) {
        problem(sheet, row, ImportSheets.NAME, "姓名过长（最多 " + MAX_PERSON_NAME + " 字）");
      }
      Optional<Role> role = roleByLabel(postLabel);
      if (role.isEmpty()) {
        problem(sheet, row, ImportSheets.POST, postLabel.isEmpty() ? "职务不能为空"
            : "未知的职务“" + postLabel + "”：应为 " + postLabels());
      } else if (role.get().isUnitRole() && unitCode.isEmpty()) {
        problem(sheet, row, ImportSheets.UNIT_CODE, "职务“" + postLabel + "”须填写单位代码");
      } else if (!role.get().isUnitRole() && !unitCode.isEmpty()) {
        problem(sheet, row, ImportSheets.UNIT_CODE, "“" + postLabel + "”是区级职务，单位代码应留空");
      }
      if (!unitCode.isEmpty() && !units.containsKey(unitCode)) {
        problem(sheet, row, ImportSheets.UNIT_CODE, "单位“" + unitCode + "”不存在：单位须在单位表中");
      }
      if (!mobile.isEmpty() && !MOBILE.matcher(mobile).matches()) {
        problem(sheet, row, ImportSheets.MOBILE, "手机号码“" + mobile + "”不正确：应为 11 位数字");
      }
      if (!email.isEmpty() && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
        problem(sheet, row, ImportSheets.EMAIL, "邮箱“" + email + "”不正确");
      }
      if (login.isEmpty() || !LOGIN.matcher(login).matches()) {
        continue;
      }
      // the same person on several rows: several posts, with one name and one set of contacts
      Seen seen = first.get(login.toLowerCase());
      if (seen == null) {
        first.put(login.toLowerCase(), new Seen(row, login, name, mobile, email));
      } else if (!seen.login().equals(login)) {
        problem(sheet, row, ImportSheets.LOGIN, "登录名“" + login + "”与第 " + seen.row().row() + " 行的“"
            + seen.login() + "”只有大小写不同：同一人请写成一样，不同的人请另取登录名");
      } else {
        conflict(sheet, row, ImportSheets.NAME, seen.row().row(), seen.name(), name);
        conflict(sheet, row, ImportSheets.MOBILE, seen.row().row(), seen.mobile(), mobile);
        conflict(sheet, row, ImportSheets.EMAIL, seen.row().row(), seen.email(), email);
      }
      if (problems.size() > before) {
        broken.add(login);
        continue;
      }
      PostState post = new PostState(unitCode.isEmpty() ? null : unitCode, role.orElseThrow());
      Integer duplicate = postRows.computeIfAbsent(login, k -> new HashMap<>()).putIfAbsent(post, row.row());
      if (duplicate != null) {
        problem(sheet, row, ImportSheets.POST, "与第 " + duplicate + " 行重复：“" + login + "”在该单位已有此职务");
        continue;
      }
      PersonState person = people.get(login);
      Set<PostState> posts = new LinkedHashSet<>(person == null ? Set.of() : person.posts());
      posts.add(post);
      people.put(login, new PersonState(login,
          person == null ? name : person.name(),
          firstNonBlank(person == null ? null : person.mobile(), mobile),
          firstNonBlank(person == null ? null : person.email(), email),
          posts, false));
    }
    broken.forEach(people::remove);
    return people;
  }

  /** Later rows of a person may leave a contact blank; what they fill in must agree with the earlier rows. */
  private void conflict(String sheet, SheetRow row, String column, int firstRow, String first, String now) {
    if (!now.isEmpty() && !first.isEmpty() && !first.equals(now)) {
      problem(sheet, row, column, "与第 " + firstRow + " 行冲突：同一登录名的" + column + "在第 " + firstRow + " 行为“"
          + first + "”，本行为“" + now + "”");
    } else if (column.equals(ImportSheets.NAME) && !first.equals(now)) {
      problem(sheet, row, column, "与第 " + firstRow + " 行冲突：同一登录名的姓名应一致");
    }
  }

  static Optional<Role> roleByLabel(String label) {
    return Arrays.stream(Role.values()).filter(role -> role.label().equals(label)).findFirst();
  }

  static String postLabels() {
    return Arrays.stream(Role.values()).map(Role::label).collect(Collectors.joining(" / "));
  }

  private static Set<String> unitsOf(Set<PostState> posts) {
    return posts.stream().map(PostState::unitCode).filter(Objects::nonNull).collect(Collectors.toSet());
  }

  private static String firstNonBlank(String earlier, String now) {
    if (earlier != null && !earlier.isEmpty()) {
      return earlier;
    }
    return now.isEmpty() ? null : now;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private void problem(String sheet, SheetRow row, String column, String message) {
    problems.add(new ImportProblem(sheet, row.row(), column, message));
  }
}
