package org.liangze.rectification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.record.EvidenceFiles;
import org.springframework.stereotype.Component;

/** Ledger rows as a person reads them (names, not logins or codes), for the pages and the Excel export. */
@Component
class LedgerViews {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final UnitRepository units;
  private final PersonRepository people;
  private final EvidenceFiles files;
  private final Clock clock;

  LedgerViews(UnitRepository units, PersonRepository people, EvidenceFiles files, Clock clock) {
    this.files = files;
    this.units = units;
    this.people = people;
    this.clock = clock;
  }

  /** One row: every column of the ledger as text, and whether it is overdue (not closed, deadline passed). */
  record View(long id, String unitCode, String unitName, String source, String sourceLabel, int position,
      String problem, String measure, String owner, String deadline, String status, boolean closed, boolean overdue,
      String report, String evidence, String recordRefs, String verificationComment, int returnedCount,
      String closedBy, String closedAt, List<Link> evidenceLinks, List<Link> recordLinks) {
  }

  /** A cited file (its name, a download) or record entry (第N条, the unit's manual at that entry). */
  record Link(String label, String url) {
  }

  /** Counts for the page's summary line. */
  record Totals(int all, int open, int overdue, int closed) {
  }

  List<View> of(List<LedgerRow> rows) {
    Map<String, String> unitNames = new HashMap<>();
    units.findAll().forEach(unit -> unitNames.put(unit.code(), unit.name()));
    Map<String, String> names = people.names();
    LocalDate today = LocalDate.now(clock);
    Map<String, Map<String, String>> fileNames = new HashMap<>();
    rows.stream().filter(row -> row.evidence() != null)
        .collect(java.util.stream.Collectors.groupingBy(LedgerRow::unitCode))
        .forEach((unitCode, cited) -> {
          Map<String, String> byHash = new HashMap<>();
          files.describeAll(cited.stream().flatMap(row -> words(row.evidence()).stream()).toList(), unitCode)
              .forEach((hash, file) -> byHash.put(hash, file.originalName()));
          fileNames.put(unitCode, byHash);
        });
    return rows.stream().map(row -> new View(row.id(), row.unitCode(),
        unitNames.getOrDefault(row.unitCode(), row.unitCode()), row.source().label(), detail(row),
        row.position(), row.problem(), text(row.measure()),
        row.ownerName() != null ? row.ownerName() : row.source() == LedgerSource.TALK ? "单位党组织书记" : "本单位工作人员",
        DAY.format(row.deadline()), row.status().label(), row.status() == LedgerRowStatus.CLOSED,
        row.overdueOn(today), text(row.report()),
        String.join("、", words(row.evidence()).stream()
            .map(hash -> fileNames.getOrDefault(row.unitCode(), Map.of()).getOrDefault(hash, hash)).toList()),
        text(row.recordRefs()), text(row.verificationComment()), row.returnedCount(),
        row.closedBy() == null ? "" : names.getOrDefault(row.closedBy(), row.closedBy()), time(row.closedAt()),
        words(row.evidence()).stream().map(hash -> new Link(fileNames.getOrDefault(row.unitCode(), Map.of())
            .getOrDefault(hash, "文件 " + hash.substring(0, Math.min(8, hash.length())) + "…"),
            "/api/evidence/" + hash)).toList(),
        words(row.recordRefs()).stream().map(seq -> new Link("第" + seq + "条",
            "/pages/units/" + row.unitCode() + "/record#entry-" + seq)).toList()))
        .toList();
  }

  Totals totals(List<LedgerRow> rows) {
    LocalDate today = LocalDate.now(clock);
    int closed = (int) rows.stream().filter(row -> row.status() == LedgerRowStatus.CLOSED).count();
    int overdue = (int) rows.stream().filter(row -> row.overdueOn(today)).count();
    return new Totals(rows.size(), rows.size() - closed, overdue, closed);
  }

  String unitName(String unitCode) {
    return units.findByCode(unitCode).map(Unit::name).orElse(unitCode);
  }

  /** The source's own words, without the source's name when they start with it ("巡察反馈：第一轮" → "第一轮"). */
  private static String detail(LedgerRow row) {
    String prefix = row.source().label() + "：";
    return row.sourceLabel().startsWith(prefix) ? row.sourceLabel().substring(prefix.length()) : row.sourceLabel();
  }

  private String time(OffsetDateTime at) {
    return at == null ? "" : MINUTE.format(at.atZoneSameInstant(clock.getZone()));
  }

  private static List<String> words(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
