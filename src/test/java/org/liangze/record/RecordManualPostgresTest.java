package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The record manual on a real PostgreSQL: task completions write chained entries by themselves, the database
 * refuses UPDATE and DELETE, tampering behind the trigger's back is detected and located, and concurrent writers
 * leave one unbroken chain.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordManualPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired org.liangze.support.ActAs actAs;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @Autowired ChainVerifier verifier;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Value("${spring.datasource.url}") String url;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void completingLetterTasksWritesChainedEntriesByItself() throws IOException {
    String campaign = letterRun.start(2028);

    long before = manual.entriesOf("T01").size();
    complete("t01sec", secretaryTask(campaign, "T01"), Map.of("decision", "OBJECT", "objectionReason", "第3项不符"));
    Task revise = tasks.createTaskQuery().processInstanceId(campaign).taskCandidateGroup(Groups.DISTRICT_COMMITTEE)
        .singleResult();
    complete("quwei", revise, Map.of("revisionNote", "已调整"));

    List<RecordEntry> entries = manual.entriesOf("T01");
    assertThat(entries).hasSize((int) before + 2);
    RecordEntry objection = entries.get(entries.size() - 2);
    assertThat(objection.kind()).isEqualTo(EntryKind.TASK_COMPLETED);
    assertThat(objection.actor()).isEqualTo("t01sec");
    // the outcome in the words the letter's form showed the secretary, never its code
    assertThat(objection.summary()).contains("签订目标责任书").endsWith("结果：提出异议").doesNotContain("OBJECT");
    assertThat(objection.processInstanceId()).isEqualTo(campaign);
    assertThat(objection.hashAlgorithm()).isEqualTo("SM3");
    RecordEntry revision = entries.get(entries.size() - 1);
    assertThat(revision.actor()).isEqualTo("quwei");
    assertThat(revision.previousHash()).isEqualTo(objection.entryHash());
    assertThat(verifier.verify("T01").intact()).isTrue();
  }

  @Test
  void theDatabaseRefusesUpdateAndDelete() {
    RecordEntry entry = append("D02", "党组会专题研究党风廉政建设");
    String update = "update record_entries set summary = 'x' where unit_code = 'D02' and seq = " + entry.seq();
    // the application's role may not change the table at all
    assertThatThrownBy(() -> plainJdbc(update)).isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> plainJdbc("delete from record_entries where unit_code = 'D02'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    // the role that owns it meets the append-only triggers
    assertThatThrownBy(() -> asOwner(update)).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> asOwner("delete from record_entries where unit_code = 'D02'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> asOwner("truncate record_entries cascade"))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThat(manual.entriesOf("D02")).extracting(RecordEntry::summary).contains("党组会专题研究党风廉政建设");
  }

  @Test
  void anEditAndADeletionBehindTheTriggersBackAreDetectedAndLocated() throws Exception {
    for (int i = 1; i <= 6; i++) {
      append("A01", "第" + i + "次廉政学习");
    }
    assertThat(verifier.verify("A01").intact()).isTrue();
    assertThat(cli("--unit=A01")).isZero();

    List<RecordEntry> entries = manual.entriesOf("A01");
    RecordEntry edited = entries.get(2);
    asOwnerWithoutTrigger("update record_entries set summary = '篡改后的摘要' where unit_code = 'A01' and seq = "
        + edited.seq());
    ChainReport afterEdit = verifier.verify("A01");
    assertThat(afterEdit.intact()).isFalse();
    assertThat(afterEdit.firstBreak().seq()).isEqualTo(edited.seq());
    assertThat(afterEdit.firstBreak().problem()).isEqualTo(ChainReport.Problem.EDITED);
    assertThat(afterEdit.firstBreak().expectedHash()).isEqualTo(edited.entryHash());
    assertThat(afterEdit.firstBreak().foundHash()).isNotEqualTo(edited.entryHash()).hasSize(64);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertThat(VerifyRecordCli.run(new String[] {"--url=" + url, "--user=postgres", "--password=postgres",
        "--unit=A01"}, Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("BROKEN  unit A01 at seq " + edited.seq())
        .contains(edited.entryHash());

    // restore the edit, then delete another entry
    asOwnerWithoutTrigger("update record_entries set summary = '" + edited.summary()
        + "' where unit_code = 'A01' and seq = " + edited.seq());
    assertThat(verifier.verify("A01").intact()).isTrue();
    RecordEntry deleted = entries.get(4);
    asOwnerWithoutTrigger("delete from record_entries where unit_code = 'A01' and seq = " + deleted.seq());
    ChainReport afterDelete = verifier.verify("A01");
    assertThat(afterDelete.firstBreak().seq()).isEqualTo(deleted.seq());
    assertThat(afterDelete.firstBreak().problem()).isEqualTo(ChainReport.Problem.MISSING);
    assertThat(afterDelete.firstBreak().expectedHash()).isEqualTo(deleted.entryHash());
    assertThat(afterDelete.firstBreak().foundHash()).isNull();
  }

  @Test
  void deletingTheNewestEntryIsDetectedByTheChainHead() throws Exception {
    append("T02", "村务监督");
    RecordEntry last = append("T02", "三资检查");
    asOwnerWithoutTrigger("delete from record_entries where unit_code = 'T02' and seq = " + last.seq());
    ChainReport report = verifier.verify("T02");
    assertThat(report.firstBreak().problem()).isEqualTo(ChainReport.Problem.TAIL_MISSING);
    assertThat(report.firstBreak().seq()).isEqualTo(last.seq());
    assertThat(report.firstBreak().expectedHash()).isEqualTo(last.entryHash());
  }

  @Test
  void twentyConcurrentWritersLeaveOneUnbrokenChain() throws Exception {
    long before = manual.entriesOf("T01S01").size();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<RecordEntry>> writers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        writers.add(() -> append("T01S01", "并发记录" + n));
      }
      for (Future<RecordEntry> written : pool.invokeAll(writers)) {
        written.get();
      }
    } finally {
      pool.shutdown();
    }
    List<RecordEntry> entries = manual.entriesOf("T01S01");
    assertThat(entries).hasSize((int) before + 20);
    for (int i = 0; i < entries.size(); i++) {
      assertThat(entries.get(i).seq()).isEqualTo(i + 1);
      assertThat(entries.get(i).previousHash())
          .isEqualTo(i == 0 ? RecordHashing.GENESIS : entries.get(i - 1).entryHash());
    }
    assertThat(verifier.verify("T01S01").intact()).isTrue();
  }

  @Test
  void aBurstOfBackdatedEntriesIsFlagged() {
    Instant longAgo = Instant.now().minus(Duration.ofDays(40));
    for (int i = 0; i < 5; i++) {
      manual.append(new NewEntry("D01S01", EntryKind.MEETING, null, "d01s01staff", longAgo.plus(Duration.ofDays(i)),
          "补记会议" + i, "当时未及时记录", null, null, null));
    }
    List<BackdatedBursts.Burst> bursts = BackdatedBursts.find(manual.entriesOf("D01S01"), List.of(
        Instant.now().plus(Duration.ofDays(1))), Duration.ofDays(7), Duration.ofDays(3), 5);
    assertThat(bursts).hasSize(1);
    assertThat(bursts.get(0).seqs()).hasSize(5);
    assertThat(bursts.get(0).deadline()).isNotNull();
  }

  private RecordEntry append(String unit, String summary) {
    return manual.append(new NewEntry(unit, EntryKind.STUDY, null, unit.toLowerCase() + "staff", Instant.now(),
        summary, null, null, null, null));
  }

  private int cli(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--url=" + url;
    all[1] = "--user=postgres";
    all[2] = "--password=postgres";
    System.arraycopy(args, 0, all, 3, args.length);
    return VerifyRecordCli.run(all, Map.of(), new PrintStream(new ByteArrayOutputStream()));
  }

  private void plainJdbc(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void asOwner(String sql) throws SQLException {
    try (Connection connection = EmbeddedPostgresDatabase.asOwner(EmbeddedPostgresDatabase.urlOf(dataSource));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * What an attacker with the owner role's (or a superuser's) rights could do: switch the trigger off, change the
   * table, switch it on.
   */
  private void asOwnerWithoutTrigger(String sql) throws SQLException {
    try (Connection connection = EmbeddedPostgresDatabase.asOwner(EmbeddedPostgresDatabase.urlOf(dataSource));
        Statement statement = connection.createStatement()) {
      statement.execute("alter table record_entries disable trigger record_entries_no_update_or_delete");
      try {
        statement.execute(sql);
      } finally {
        statement.execute("alter table record_entries enable trigger record_entries_no_update_or_delete");
      }
    }
  }

  private Task secretaryTask(String processInstanceId, String unit) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskCandidateGroup(Groups.of(Role.SECRETARY, unit)).singleResult();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }
}
