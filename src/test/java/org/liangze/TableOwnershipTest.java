package org.liangze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each of the platform's tables belongs to one feature, the one that writes it: no other feature reads or writes it by
 * SQL, they go through the owner's Java API ({@code ModuleBoundariesTest} then keeps those dependencies free of
 * cycles). Camunda's tables ({@code ACT_…}) are the engine's and stay readable by every feature. A table only the
 * migrations write is used by one feature at most.
 *
 * <p>Read from the sources: the tables are those the migrations create, a feature's SQL is every {@code from},
 * {@code join}, {@code into}, {@code update} and {@code delete from} naming one of them in its Java files.
 */
class TableOwnershipTest {

  private static final Path FEATURES = Path.of("src/main/java/org/liangze");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db");
  private static final Pattern CREATE = Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern USE = Pattern.compile(
      "\\b(insert\\s+into|merge\\s+into|delete\\s+from|update|from|join)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

  @Test
  void everyTableIsReadAndWrittenByTheFeatureThatOwnsItOnly() throws IOException {
    Set<String> tables = platformTables();
    assertThat(tables).contains("units", "record_entries", "self_checks", "letters", "escalation_steps");
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> features = Files.list(FEATURES)) {
      for (Path feature : features.filter(Files::isDirectory).toList()) {
        sources.put(feature.getFileName().toString(), javaOf(feature));
      }
    }
    assertThat(sources).containsKeys("organisation", "record", "dashboard", "platform");
    assertThat(violations(tables, sources)).isEmpty();
  }

  @Test
  void aFeatureReadingAnothersTableIsAViolation() {
    Map<String, String> sources = Map.of(
        "letters", "jdbc.sql(\"insert into letters (unit_code) values (?)\"); jdbc.sql(\"select * from letters\");",
        "dashboard", "jdbc.sql(\"select unit_code, status from letters where letter_year = ?\");",
        "talk", "jdbc.sql(\"select 1 from ACT_RU_TASK t join letters l on l.id = t.ID_\");",
        "seeds", "jdbc.sql(\"select * from district_settings\");",
        "settings", "jdbc.sql(\"update district_settings set name = ?\");");
    assertThat(violations(Set.of("letters", "district_settings"), sources)).containsExactlyInAnyOrder(
        "dashboard uses letters, owned by letters",
        "talk uses letters, owned by letters",
        "district_settings (written by the migrations only) is used by seeds, settings");
  }

  /** What breaks the rule, one line each. */
  static List<String> violations(Set<String> tables, Map<String, String> sourcesByFeature) {
    Map<String, Set<String>> writers = new TreeMap<>();
    Map<String, Set<String>> users = new TreeMap<>();
    sourcesByFeature.forEach((feature, source) -> {
      Matcher use = USE.matcher(source);
      while (use.find()) {
        String table = use.group(2).toLowerCase();
        if (!tables.contains(table)) {
          continue;
        }
        users.computeIfAbsent(table, t -> new TreeSet<>()).add(feature);
        if (use.group(1).toLowerCase().matches("(insert|merge)\\s+into")) {
          writers.computeIfAbsent(table, t -> new TreeSet<>()).add(feature);
        }
      }
    });
    List<String> violations = new ArrayList<>();
    users.forEach((table, features) -> {
      Set<String> owners = writers.getOrDefault(table, Set.of());
      if (owners.size() > 1) {
        violations.add(table + " is written by " + String.join(", ", owners));
      } else if (owners.isEmpty() && features.size() > 1) {
        violations.add(table + " (written by the migrations only) is used by " + String.join(", ", features));
      } else if (owners.size() == 1) {
        String owner = owners.iterator().next();
        features.stream().filter(feature -> !feature.equals(owner))
            .forEach(feature -> violations.add(feature + " uses " + table + ", owned by " + owner));
      }
    });
    return violations;
  }

  private static Set<String> platformTables() throws IOException {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MIGRATIONS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        Matcher create = CREATE.matcher(Files.readString(file));
        while (create.find()) {
          String table = create.group(1).toLowerCase();
          if (!table.startsWith("act_")) {
            tables.add(table);
          }
        }
      }
    }
    return tables;
  }

  private static String javaOf(Path feature) throws IOException {
    try (Stream<Path> files = Files.walk(feature)) {
      StringBuilder source = new StringBuilder();
      files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
        try {
          source.append(Files.readString(f)).append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return source.toString();
    }
  }
}
