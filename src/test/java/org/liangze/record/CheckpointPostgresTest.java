package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.platform.ConflictException;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signed checkpoints on a real PostgreSQL, and the insider of issue 14 replayed: someone with the password of the
 * schema's owner role (the role migrations use; it owns the tables) but not the signing key switches the append-only
 * trigger off, rewrites an entry,
 * recomputes its SM3 hash from the canonical form and moves the chain head. The chain is intact in itself; the
 * checkpoint names the unit and the entry. Then he rewrites the checkpoint table too: the receipt kept outside the
 * system catches it in the command line verification.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CheckpointPostgresTest {

  static final Path KEYS;
  static final Path KEY;

  static {
    try {
      KEYS = Files.createTempDirectory("liangze-checkpoint-keys");
      KEY = KEYS.resolve("checkpoint-key.pem");
      CheckpointKeys.write(KEY, CheckpointKeys.generate(), null);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static final AtomicInteger UNITS = new AtomicInteger();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.record.checkpoint.key-file", KEY::toString);
  }

  @Autowired RecordManual manual;
  @Autowired Checkpoints checkpoints;
  @Autowired CheckpointVerifier checkpointVerifier;
  @Autowired ChainVerifier verifier;
  @Autowired UnitRepository units;
  @Autowired ObjectMapper json;
  @Value("${spring.datasource.url}") String url;

  @Test
  void aCheckpointSignsEveryChainHeadAndVerifies() {
    String a = unit();
    String b = unit();
    append(a, "党组会专题研究党风廉政建设");
    RecordEntry headA = append(a, "廉政谈话");
    RecordEntry headB = append(b, "警示教育");

    Checkpoint made = checkpoints.make("jiwei");

    assertThat(made.keyId()).isEqualTo(CheckpointKeys.read(KEY).keyId());
    assertThat(made.previousKeyId()).isNull();
    assertThat(CheckpointKeys.verify(made.publicKey(), made.statementBytes(), made.signature())).isTrue();
    CheckpointReceipt receipt = checkpoints.receipt(made.seq());
    assertThat(receipt.heads()).contains(new CheckpointReceipt.Head(a, headA.seq(), headA.entryHash()),
        new CheckpointReceipt.Head(b, headB.seq(), headB.entryHash()));
    assertThat(receipt.treeSize()).isEqualTo(receipt.heads().size());
    assertThat(CheckpointTree.root(receipt.leaves())).isEqualTo(made.rootHash());
    assertThat(checkpoints.latest()).get().extracting(Checkpoint::seq).isEqualTo(made.seq());
    assertThat(checkpoints.coverage(a)).get().extracting(Checkpoints.Coverage::coveredSeq).isEqualTo(headA.seq());

    ChainReport report = verifier.verify(a);
    assertThat(report.intact()).isTrue();
    assertThat(report.checkpoint()).isEqualTo(made.seq());
    // (other tests of this class tamper with their own checkpoints; this one must be sound)
    assertThat(checkpointVerifier.verifyAll().problems())
        .noneMatch(problem -> problem.checkpointSeq() == made.seq());
    // appending after the checkpoint is what a chain does: still intact, still checked against the checkpoint
    append(a, "检查后补充学习");
    assertThat(verifier.verify(a).intact()).isTrue();
  }

  @Test
  void theDatabaseRefusesToChangeCheckpoints() {
    append(unit(), "主题党日");
    Checkpoint made = checkpoints.make("jiwei");
    assertThatThrownBy(() -> plainJdbc("update record_checkpoints set root_hash = 'x' where seq = " + made.seq()))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> plainJdbc("delete from record_checkpoint_heads where checkpoint_seq = " + made.seq()))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> plainJdbc("truncate record_checkpoints cascade"))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
  }

  @Test
  void theInsiderWithTheDatabaseButNotTheKeyIsFoundByTheCheckpointAndByTheReceipt(@TempDir Path receipts)
      throws Exception {
    String unit = unit();
    append(unit, "收到目标责任书");
    append(unit, "组织学习目标责任书");
    RecordEntry signedLetter = append(unit, "签订目标责任书，结果：签订");
    Checkpoint checkpoint = checkpoints.make("jiwei");
    // the commission keeps the receipt outside the system
    Files.write(receipts.resolve("checkpoint-" + checkpoint.seq() + ".json"),
        json.writeValueAsBytes(checkpoints.receipt(checkpoint.seq())));
    assertThat(cli("--unit=" + unit, "--receipts=" + receipts).exitCode()).isZero();

    // the insider: trigger off, entry rewritten, its hash recomputed from the canonical form, chain head moved
    RecordEntry forged = new RecordEntry(signedLetter.id(), unit, signedLetter.seq(), signedLetter.kind(),
        signedLetter.listItemId(), signedLetter.actor(), signedLetter.occurredAt(), signedLetter.recordedAt(),
        "签订目标责任书，结果：提出异议", signedLetter.lateReason(), signedLetter.processInstanceId(),
        signedLetter.taskId(), signedLetter.evidence(), signedLetter.hashAlgorithm(), signedLetter.previousHash(),
        null);
    String forgedHash = RecordHashing.hash(forged);
    asInsider(connection -> {
      execute(connection, "alter table record_entries disable trigger user");
      update(connection, "update record_entries set summary = ?, entry_hash = ? where unit_code = ? and seq = ?",
          forged.summary(), forgedHash, unit, signedLetter.seq());
      update(connection, "update record_chain_heads set last_hash = ? where unit_code = ?", forgedHash, unit);
      execute(connection, "alter table record_entries enable trigger user");
    });

    // the chain agrees with itself, but not with what was signed: the unit and the entry are named
    ChainReport report = verifier.verify(unit);
    assertThat(report.intact()).isFalse();
    assertThat(report.firstBreak().seq()).isEqualTo(signedLetter.seq());
    assertThat(report.firstBreak().problem()).isEqualTo(ChainReport.Problem.CHECKPOINT_MISMATCH);
    assertThat(report.firstBreak().problem().label()).isEqualTo("与签名检查点不符");
    assertThat(report.firstBreak().expectedHash()).isEqualTo(signedLetter.entryHash());
    assertThat(report.firstBreak().foundHash()).isEqualTo(forgedHash);
    Cli offline = cli("--unit=" + unit);
    assertThat(offline.exitCode()).isEqualTo(1);
    assertThat(offline.output()).contains("BROKEN  unit " + unit + " at seq " + signedLetter.seq()
        + ": CHECKPOINT_MISMATCH (与签名检查点不符)");

    // he rewrites the checkpoint to fit: the unit's signed head and the root; without the key the old signature stays
    String newRoot = CheckpointTree.root(checkpoints.receipt(checkpoint.seq()).leaves().stream()
        .map(leaf -> leaf.unitCode().equals(unit) ? new CheckpointTree.Leaf(unit, leaf.seq(), forgedHash) : leaf)
        .toList());
    asInsider(connection -> {
      execute(connection, "alter table record_checkpoints disable trigger user");
      execute(connection, "alter table record_checkpoint_heads disable trigger user");
      update(connection, "update record_checkpoint_heads set head_hash = ? where checkpoint_seq = ? and unit_code = ?",
          forgedHash, checkpoint.seq(), unit);
      update(connection, "update record_checkpoints set root_hash = ? where seq = ?", newRoot, checkpoint.seq());
      execute(connection, "alter table record_checkpoints enable trigger user");
      execute(connection, "alter table record_checkpoint_heads enable trigger user");
    });
    ChainReport afterTableRewrite = verifier.verify(unit);
    assertThat(afterTableRewrite.firstBreak().problem()).isEqualTo(ChainReport.Problem.CHECKPOINT_INVALID);
    assertThat(checkpointVerifier.verifyAll().problems()).extracting(CheckpointVerifier.Problem::kind)
        .contains(CheckpointVerifier.Kind.SIGNATURE_INVALID);
    Cli withReceipt = cli("--unit=" + unit, "--receipts=" + receipts);
    assertThat(withReceipt.exitCode()).isEqualTo(1);
    assertThat(withReceipt.output())
        .contains("BROKEN  unit " + unit + " at seq " + signedLetter.seq() + ": CHECKPOINT_MISMATCH")
        .contains("BROKEN  checkpoint " + checkpoint.seq() + ": RECEIPT_MISMATCH (与保存的回执不符)");

    // he deletes every checkpoint from his rewrite on: the platform has nothing left to compare with …
    asInsider(connection -> {
      execute(connection, "alter table record_checkpoints disable trigger user");
      execute(connection, "alter table record_checkpoint_heads disable trigger user");
      update(connection, "delete from record_checkpoint_heads where checkpoint_seq >= ?", checkpoint.seq());
      update(connection, "delete from record_checkpoints where seq >= ?", checkpoint.seq());
      execute(connection, "alter table record_checkpoints enable trigger user");
      execute(connection, "alter table record_checkpoint_heads enable trigger user");
    });
    // … but the receipt kept outside still has the signed head: verified offline on a dump of the database
    String restored = dumpAndRestore(receipts.getParent().resolve(receipts.getFileName() + ".dump"));
    Cli afterDeletion = cliOn(restored, "--unit=" + unit, "--receipts", receipts.toString());
    assertThat(afterDeletion.exitCode()).isEqualTo(1);
    assertThat(afterDeletion.output())
        .contains("BROKEN  unit " + unit + " at seq " + signedLetter.seq() + ": CHECKPOINT_MISMATCH")
        .contains("BROKEN  checkpoint " + checkpoint.seq() + ": MISSING (检查点缺失)");
  }

  @Test
  void aRewriteBetweenTwoCheckpointsIsLocatedAtTheFirstSignedHeadThatNoLongerMatches() throws Exception {
    String unit = unit();
    for (int i = 1; i <= 3; i++) {
      append(unit, "第" + i + "次专题会议");
    }
    checkpoints.make("jiwei");
    for (int i = 4; i <= 6; i++) {
      append(unit, "第" + i + "次专题会议");
    }
    checkpoints.make("jiwei");
    List<RecordEntry> entries = manual.entriesOf(unit);

    // entry 5 rewritten, entries 5 and 6 re-sealed, the head moved: the chain is consistent in itself
    RecordEntry fifth = entries.get(4);
    RecordEntry sixth = entries.get(5);
    RecordEntry forgedFifth = withSummaryAndLink(fifth, "第5次专题会议（已改写）", fifth.previousHash());
    String fifthHash = RecordHashing.hash(forgedFifth);
    String sixthHash = RecordHashing.hash(withSummaryAndLink(sixth, sixth.summary(), fifthHash));
    asInsider(connection -> {
      execute(connection, "alter table record_entries disable trigger user");
      update(connection, "update record_entries set summary = ?, entry_hash = ? where unit_code = ? and seq = 5",
          forgedFifth.summary(), fifthHash, unit);
      update(connection, "update record_entries set previous_hash = ?, entry_hash = ? where unit_code = ? "
          + "and seq = 6", fifthHash, sixthHash, unit);
      update(connection, "update record_chain_heads set last_hash = ? where unit_code = ?", sixthHash, unit);
      execute(connection, "alter table record_entries enable trigger user");
    });

    // the first checkpoint's head (entry 3) still matches, the second's (entry 6) does not: the rewrite is in 4–6
    ChainReport report = verifier.verify(unit);
    assertThat(report.firstBreak().problem()).isEqualTo(ChainReport.Problem.CHECKPOINT_MISMATCH);
    assertThat(report.firstBreak().seq()).isEqualTo(6);
    assertThat(report.firstBreak().expectedHash()).isEqualTo(sixth.entryHash());
    assertThat(report.firstBreak().foundHash()).isEqualTo(sixthHash);
  }

  private static RecordEntry withSummaryAndLink(RecordEntry entry, String summary, String previousHash) {
    return new RecordEntry(entry.id(), entry.unitCode(), entry.seq(), entry.kind(), entry.listItemId(),
        entry.actor(), entry.occurredAt(), entry.recordedAt(), summary, entry.lateReason(),
        entry.processInstanceId(), entry.taskId(), entry.evidence(), entry.hashAlgorithm(), previousHash, null);
  }

  @Test
  void aNewKeyTakesOverOnlyWhenTheOldOneSignedItAndVerificationFollowsTheChainOfKeys(@TempDir Path dir)
      throws Exception {
    String oldKey = Files.readString(KEY);
    String unit = unit();
    append(unit, "第一季度廉政学习");
    Checkpoint first = checkpoints.make("jiwei");
    Path firstPublic = dir.resolve("first.pub.pem");
    Files.writeString(firstPublic, CheckpointKeys.publicPem(CheckpointKeys.read(KEY).publicKey().getEncoded()));
    try {
      // a key nobody endorsed cannot take over
      replaceKey(null);
      assertThatThrownBy(() -> checkpoints.make("jiwei")).isInstanceOf(ConflictException.class)
          .hasMessageContaining("签名密钥已更换");

      // the rotation: CheckpointKeyCli --previous writes a new key endorsed by the old one
      Files.writeString(KEY, oldKey);
      Path rotated = dir.resolve("rotated.pem");
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      assertThat(CheckpointKeyCli.run(new String[] {"--out=" + rotated, "--previous=" + KEY},
          new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Endorsed by the previous key " + first.keyId());
      Files.writeString(KEY, Files.readString(rotated));
      append(unit, "第二季度廉政学习");
      Checkpoint second = checkpoints.make("jiwei");
      assertThat(second.keyId()).isNotEqualTo(first.keyId());
      assertThat(second.previousKeyId()).isEqualTo(first.keyId());
      Checkpoint third = checkpoints.make("jiwei");
      assertThat(third.previousKeyId()).isNull();

      // the platform trusts its current key, and through it the key before (named in a signed statement)
      List<Long> ours = List.of(first.seq(), second.seq(), third.seq());
      assertThat(checkpointVerifier.verifyAll().problems())
          .noneMatch(problem -> ours.contains(problem.checkpointSeq()));
      assertThat(verifier.verify(unit).intact()).isTrue();
      assertThat(verifier.verify(unit).checkpoint()).isEqualTo(third.seq());
      // offline, from the installation's first public key forward through the endorsement
      Cli offline = cli("--unit=" + unit, "--public-key=" + firstPublic);
      assertThat(offline.output()).contains("OK      unit " + unit + ": 2 entries intact, matches checkpoint "
          + third.seq()).contains("from 1 trusted key(s)");
      for (long seq : ours) {
        assertThat(offline.output()).doesNotContain("BROKEN  checkpoint " + seq + ":");
      }

      // an insider's own key, inserted as if it had taken over, is trusted by nobody
      var rogue = CheckpointKeys.generate();
      String rogueId = CheckpointKeys.fingerprint(rogue.getPublic().getEncoded());
      long seq = third.seq() + 1;
      Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      String statement = Checkpoint.statement(seq, now, 0, CheckpointTree.root(List.of()), rogueId, third.keyId());
      String signature = CheckpointKeys.sign(rogue.getPrivate(), statement.getBytes(StandardCharsets.UTF_8));
      asInsider(connection -> update(connection, """
              insert into record_checkpoints (seq, created_at, tree_size, root_hash, key_id, public_key,
                                              previous_key_id, key_endorsement, signature, made_by)
              values (?, ?, 0, ?, ?, ?, ?, ?, ?, 'insider')""", seq, RecordRepository.utc(now),
          CheckpointTree.root(List.of()), rogueId,
          java.util.Base64.getEncoder().encodeToString(rogue.getPublic().getEncoded()), third.keyId(), signature,
          signature));
      assertThat(checkpointVerifier.verifyAll().problems()).extracting(CheckpointVerifier.Problem::checkpointSeq,
          CheckpointVerifier.Problem::kind).contains(org.assertj.core.groups.Tuple.tuple(seq,
              CheckpointVerifier.Kind.UNTRUSTED_KEY));
      // and blocks nothing: the platform's own key goes on signing
      assertThat(checkpoints.make("jiwei").seq()).isEqualTo(seq + 1);
    } finally {
      Files.writeString(KEY, oldKey);
    }
  }

  // ---- helpers

  private String unit() {
    String code = "CP%02d".formatted(UNITS.incrementAndGet());
    units.insert(new Unit(code, "检查点测试单位" + code, UnitType.DISTRICT_DEPARTMENT, null));
    return code;
  }

  private RecordEntry append(String unit, String summary) {
    return manual.append(new NewEntry(unit, EntryKind.MEETING, null, unit.toLowerCase() + "staff", Instant.now(),
        summary, null, null, null, null));
  }

  private void replaceKey(CheckpointKeys.SigningKey previous) throws IOException {
    Files.delete(KEY);
    CheckpointKeys.write(KEY, CheckpointKeys.generate(), previous);
  }

  record Cli(int exitCode, String output) {
  }

  private Cli cli(String... args) {
    return cliOn(url, args);
  }

  private Cli cliOn(String database, String... args) {
    List<String> all = new ArrayList<>(List.of("--url=" + database, "--user=postgres", "--password=postgres"));
    all.addAll(List.of(args));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code = VerifyRecordCli.run(all.toArray(String[]::new), Map.of(),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    return new Cli(code, printed.toString(StandardCharsets.UTF_8));
  }

  /** pg_dump -Fc of the test's database, pg_restore into a fresh one (the README's backup); returns its URL. */
  private String dumpAndRestore(Path dump) throws Exception {
    int port = EmbeddedPostgresDatabase.server().getPort();
    String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
    run("/usr/bin/pg_dump", "-Fc", "--no-owner", "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
        "-f", dump.toString(), database);
    String restored = database + "_restored_" + UNITS.incrementAndGet();
    try (Connection connection = EmbeddedPostgresDatabase.server().getPostgresDatabase().getConnection()) {
      execute(connection, "create database " + restored);
    }
    run("/usr/bin/pg_restore", "--no-owner", "--exit-on-error", "-h", "localhost", "-p", String.valueOf(port), "-U",
        "postgres", "-d", restored, dump.toString());
    return EmbeddedPostgresDatabase.server().getJdbcUrl("postgres", restored);
  }

  private static void run(String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", "postgres");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("%s timed out", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), output).isZero();
  }

  interface Work {
    void on(Connection connection) throws SQLException;
  }

  /**
   * The insider: the schema owner's password (the role migrations use), not the platform's connection pool, whose
   * runtime role cannot switch a trigger off at all (InsiderRewritePostgresTest).
   */
  private void asInsider(Work work) throws SQLException {
    try (Connection connection = EmbeddedPostgresDatabase.asOwner(url)) {
      work.on(connection);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void update(Connection connection, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.executeUpdate();
    }
  }

  private void plainJdbc(String sql) throws SQLException {
    asInsider(connection -> execute(connection, sql));
  }
}
