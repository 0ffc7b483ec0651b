package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's backup and restore, done for real: pg_dump -Fc of the one database (engine and platform tables),
 * pg_restore into a fresh database, and VerifyRecordCli finds every record-manual chain intact there.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BackupRestorePostgresTest {

  static final Path PG_DUMP = Path.of("/usr/bin/pg_dump");
  static final Path PG_RESTORE = Path.of("/usr/bin/pg_restore");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired RecordManual manual;
  @Autowired UnitRepository units;
  @Autowired JdbcClient jdbc;
  @Value("${spring.datasource.url}") String url;

  @Test
  void aDumpRestoredIntoAFreshDatabaseKeepsEveryChainIntact(@TempDir Path dir) throws Exception {
    assertThat(Files.isExecutable(PG_DUMP) && Files.isExecutable(PG_RESTORE))
        .as("pg_dump and pg_restore are needed at /usr/bin (Debian: apt-get install postgresql-client)")
        .isTrue();
    units.insert(new Unit("BK01", "备份测试部门", UnitType.DISTRICT_DEPARTMENT, null));
    units.insert(new Unit("BK02", "备份测试街道", UnitType.SUBDISTRICT_OR_TOWN, null));
    for (int i = 1; i <= 4; i++) {
      append("BK01", "第" + i + "次党风廉政建设专题会议");
    }
    for (int i = 1; i <= 3; i++) {
      append("BK02", "第" + i + "次廉政谈话");
    }

    int port = EmbeddedPostgresDatabase.server().getPort();
    String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
    Path dump = dir.resolve("liangze.dump");
    run(PG_DUMP.toString(), "-Fc", "--no-owner", "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
        "-f", dump.toString(), database);
    assertThat(Files.size(dump)).isPositive();

    String restored = database + "_restored";
    try (Connection connection = EmbeddedPostgresDatabase.server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + restored);
    }
    run(PG_RESTORE.toString(), "--no-owner", "--exit-on-error", "-h", "localhost", "-p", String.valueOf(port), "-U",
        "postgres", "-d", restored, dump.toString());
    String restoredUrl = EmbeddedPostgresDatabase.server().getJdbcUrl("postgres", restored);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = VerifyRecordCli.run(new String[] {"--url=" + restoredUrl, "--user=postgres",
        "--password=postgres"}, Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(report).isZero();
    assertThat(report).contains("OK      unit BK01: 4 entries intact", "OK      unit BK02: 3 entries intact")
        .doesNotContain("BROKEN");

    JdbcClient restoredJdbc = JdbcClient.create(new DriverManagerDataSource(restoredUrl, "postgres", "postgres"));
    assertThat(counts(restoredJdbc, "select unit_code, count(*) from record_entries group by unit_code"))
        .isEqualTo(counts(jdbc, "select unit_code, count(*) from record_entries group by unit_code"));
    // the same dump holds the engine: deployed definitions and the rest of Camunda's tables
    assertThat(counts(restoredJdbc, "select key_, count(*) from act_re_procdef group by key_"))
        .isEqualTo(counts(jdbc, "select key_, count(*) from act_re_procdef group by key_"))
        .isNotEmpty();
    // and the restored manual is still append-only
    assertThat(restoredJdbc.sql("select count(*) from pg_trigger where tgname = 'record_entries_no_update_or_delete'")
        .query(Long.class).single()).isEqualTo(1L);
  }

  private void append(String unit, String summary) {
    manual.append(new NewEntry(unit, EntryKind.MEETING, null, unit.toLowerCase() + "staff", Instant.now(), summary,
        null, null, null, null));
  }

  private static Map<String, Long> counts(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", "postgres");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s timed out", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), output).isZero();
  }
}
