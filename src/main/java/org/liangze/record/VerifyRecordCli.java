package org.liangze.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Verifies record-manual chains and signed checkpoints from the command line, straight against the database,
 * without starting the platform (e.g. on a restored backup):
 *
 * <pre>
 * java -Dloader.main=org.liangze.record.VerifyRecordCli -jar liangze.jar \
 *      --url=jdbc:postgresql://localhost/liangze --user=liangze --password=... [--unit=D01] \
 *      [--public-key=first-key.pub.pem] [--receipts=DIR]
 * </pre>
 *
 * <p>The connection defaults to POSTGRES_URL / POSTGRES_USER / POSTGRES_PASSWORD from the environment.
 * {@code --public-key}: the installation's first public key (PEM), where the chain of keys starts; {@code --receipts}:
 * a folder of checkpoint receipts (JSON) kept outside the system — each is checked against its own signature and
 * against the database's checkpoint table, and the chains are checked against its heads, so a rewritten or deleted
 * checkpoint is caught too. Exit code 0: every chain and checkpoint intact; 1: something is broken (the first break
 * of each chain and every checkpoint problem is printed); 2: wrong usage.
 */
public final class VerifyRecordCli {

  static final String USAGE = "usage: --url=<jdbc url> [--user=<user>] [--password=<password>] [--unit=<unit code>] "
      + "[--public-key=<PEM file>] [--receipts=<folder of receipt JSON files>]";

  private VerifyRecordCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        out.println(USAGE);
        return 2;
      }
      if (arg.contains("=")) {
        options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        options.put(arg.substring(2), args[++i]);
      } else {
        out.println(USAGE);
        return 2;
      }
    }
    String url = options.getOrDefault("url", env.get("POSTGRES_URL"));
    if (url == null) {
      out.println("No database: pass --url=<jdbc url> or set POSTGRES_URL");
      return 2;
    }
    List<String> anchors = new ArrayList<>();
    if (options.containsKey("public-key")) {
      Path key = Path.of(options.get("public-key"));
      if (!Files.isReadable(key)) {
        out.println("Cannot read the public key " + key);
        return 2;
      }
      anchors.addAll(CheckpointKeys.readPublicKeys(key));
    }
    List<CheckpointReceipt> receipts;
    try {
      receipts = options.containsKey("receipts") ? receipts(Path.of(options.get("receipts"))) : List.of();
    } catch (IOException | IllegalArgumentException e) {
      out.println("Cannot read the receipts: " + e.getMessage());
      return 2;
    }
    DataSource dataSource = new DriverManagerDataSource(url, options.getOrDefault("user", env.get("POSTGRES_USER")),
        options.getOrDefault("password", env.get("POSTGRES_PASSWORD")));
    JdbcClient jdbc = JdbcClient.create(dataSource);
    CheckpointVerifier.Context context = CheckpointVerifier.context(new CheckpointRepository(jdbc, dataSource),
        anchors, receipts);
    ChainVerifier verifier = new ChainVerifier(new RecordRepository(jdbc, dataSource), () -> context);
    List<ChainReport> reports = options.containsKey("unit")
        ? List.of(verifier.verify(options.get("unit"), context))
        : verifier.verifyAll(context);
    boolean broken = false;
    for (ChainReport report : reports) {
      out.println(describe(report));
      broken |= !report.intact();
    }
    out.println(reports.size() + " chain(s) verified, " + reports.stream().filter(r -> !r.intact()).count()
        + " broken");
    CheckpointVerifier.Report checkpoints = context.report();
    for (CheckpointVerifier.Problem problem : checkpoints.problems()) {
      out.println("BROKEN  checkpoint " + problem.checkpointSeq() + ": " + problem.kind() + " (" + problem.label()
          + "): " + problem.detail());
    }
    out.println(checkpoints.checkpoints() + " checkpoint(s) and " + checkpoints.receipts()
        + " receipt(s) verified from " + checkpoints.trustAnchors() + " trusted key(s), "
        + checkpoints.problems().size() + " problem(s)");
    return broken || !checkpoints.intact() ? 1 : 0;
  }

  static List<CheckpointReceipt> receipts(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("not a folder: " + folder);
    }
    ObjectMapper json = new ObjectMapper().findAndRegisterModules()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    List<CheckpointReceipt> receipts = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
        CheckpointReceipt receipt = json.readValue(file.toFile(), CheckpointReceipt.class);
        if (!CheckpointReceipt.FORMAT.equals(receipt.format())) {
          throw new IOException(file + " is no checkpoint receipt");
        }
        receipts.add(receipt);
      }
    }
    return receipts;
  }

  static String describe(ChainReport report) {
    if (report.intact()) {
      return "OK      unit " + report.unitCode() + ": " + report.entriesChecked() + " entries intact"
          + (report.checkpoint() == null ? "" : ", matches checkpoint " + report.checkpoint());
    }
    ChainReport.Break at = report.firstBreak();
    return "BROKEN  unit " + report.unitCode() + " at seq " + at.seq() + ": " + at.problem() + " ("
        + at.problem().label() + "), expected hash " + at.expectedHash() + ", found "
        + (at.foundHash() == null ? "nothing" : at.foundHash());
  }
}
