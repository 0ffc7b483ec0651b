package org.liangze.record;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Verifies record-manual chains from the command line, straight against the database, without starting the
 * platform (e.g. on a restored backup):
 *
 * <pre>
 * java -Dloader.main=org.liangze.record.VerifyRecordCli -jar liangze.jar \
 *      --url=jdbc:postgresql://localhost/liangze --user=liangze --password=... [--unit=D01]
 * </pre>
 *
 * <p>The connection defaults to POSTGRES_URL / POSTGRES_USER / POSTGRES_PASSWORD from the environment. Exit code 0:
 * every chain intact; 1: a chain is broken (the first break of each is printed); 2: wrong usage.
 */
public final class VerifyRecordCli {

  private VerifyRecordCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        out.println("usage: --url=<jdbc url> [--user=<user>] [--password=<password>] [--unit=<unit code>]");
        return 2;
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    String url = options.getOrDefault("url", env.get("POSTGRES_URL"));
    if (url == null) {
      out.println("No database: pass --url=<jdbc url> or set POSTGRES_URL");
      return 2;
    }
    DataSource dataSource = new DriverManagerDataSource(url, options.getOrDefault("user", env.get("POSTGRES_USER")),
        options.getOrDefault("password", env.get("POSTGRES_PASSWORD")));
    ChainVerifier verifier = new ChainVerifier(new RecordRepository(JdbcClient.create(dataSource), dataSource));
    List<ChainReport> reports = options.containsKey("unit")
        ? List.of(verifier.verify(options.get("unit")))
        : verifier.verifyAll();
    boolean broken = false;
    for (ChainReport report : reports) {
      out.println(describe(report));
      broken |= !report.intact();
    }
    out.println(reports.size() + " chain(s) verified, " + reports.stream().filter(r -> !r.intact()).count()
        + " broken");
    return broken ? 1 : 0;
  }

  static String describe(ChainReport report) {
    if (report.intact()) {
      return "OK      unit " + report.unitCode() + ": " + report.entriesChecked() + " entries intact";
    }
    ChainReport.Break at = report.firstBreak();
    return "BROKEN  unit " + report.unitCode() + " at seq " + at.seq() + ": " + at.problem() + " ("
        + at.problem().label() + "), expected hash " + at.expectedHash() + ", found "
        + (at.foundHash() == null ? "nothing" : at.foundHash());
  }
}
