package org.liangze.record;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the record manual page shows, already formatted: the template only lays it out. Public types with plain
 * values keep the template free of formatting logic and of reflective access to package-private records.
 */
public record ManualPage(String title, String unitCode, String unitName, String takenAt, int entryCount,
    boolean intact, String verdict, List<Row> rows, List<String> burstNotes, List<String> sharedEvidenceNotes,
    String checkpointNote, boolean canWrite, Long added) {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /**
   * One entry as a table row; {@code backdated} marks entries in a flagged burst, {@code sharedEvidence} entries
   * citing a file other units used too, {@code broken} the break.
   */
  public record Row(long seq, String kind, String occurredAt, String recordedAt, String actor, String summary,
      String lateReason, String processInstanceId, String process, int evidenceCount, String hashAlgorithm,
      String entryHash, boolean backdated, boolean broken, String item, List<FileLink> files,
      boolean sharedEvidence) {
  }

  /** An evidence file of an entry: its name and where to download it. */
  public record FileLink(String name, String url, boolean shared) {
  }

  /**
   * What the page adds to the snapshot: list item labels, file names and the entries' processes by name, who reads
   * it, what was just added.
   */
  record Context(Map<Long, String> itemLabels, Map<String, String> fileNames,
      Map<String, ProcessLabels.Label> processes, boolean canWrite, Long added) {

    static Context none() {
      return new Context(Map.of(), Map.of(), Map.of(), false, null);
    }
  }

  /**
   * @param unitNames names of the district's units, to name those sharing evidence
   * @param evidenceNames original file names of the unit's shared evidence, by content hash
   */
  static ManualPage of(ManualSnapshot manual, RecordFlags.Flags flags, Map<String, String> unitNames,
      Map<String, String> evidenceNames) {
    return of(manual, flags, unitNames, evidenceNames, Context.none());
  }

  static ManualPage of(ManualSnapshot manual, RecordFlags.Flags flags, Map<String, String> unitNames,
      Map<String, String> evidenceNames, Context context) {
    Set<String> shared = flags.evidenceSharedWith().keySet();
    Set<Long> backdated = new HashSet<>();
    flags.backdatedBursts().forEach(burst -> backdated.addAll(burst.seqs()));
    Long brokenSeq = manual.verification().intact() ? null : manual.verification().firstBreak().seq();
    List<Row> rows = manual.entries().stream()
        .map(entry -> new Row(entry.seq(), entry.kind().label(), SECONDS.format(manual.local(entry.occurredAt())),
            SECONDS.format(manual.local(entry.recordedAt())), manual.actor(entry), entry.summary(),
            entry.lateReason(), entry.processInstanceId(),
            ProcessLabels.nameOf(entry, context.processes(), manual),
            entry.evidence().size(), entry.hashAlgorithm(), entry.entryHash(), backdated.contains(entry.seq()), Long.valueOf(entry.seq()).equals(brokenSeq),
            entry.listItemId() == null ? null : context.itemLabels().get(entry.listItemId()),
            entry.evidence().stream().map(hash -> new FileLink(context.fileNames().getOrDefault(hash,
                "文件 " + hash.substring(0, Math.min(8, hash.length())) + "…"), "/api/evidence/" + hash,
                shared.contains(hash))).toList(),
            entry.evidence().stream().anyMatch(shared::contains)))
        .toList();
    List<String> bursts = flags.backdatedBursts().stream()
        .map(burst -> "第" + ranges(burst.seqs()) + "条记录（共" + burst.seqs().size() + "条）于 "
            + minutes(manual, burst.from()) + " 至 " + minutes(manual, burst.to()) + " 集中补录"
            + (burst.deadline() == null ? "" : "，紧接截止时间 " + minutes(manual, burst.deadline())))
        .toList();
    List<String> sharedNotes = flags.evidenceSharedWith().entrySet().stream()
        .map(e -> "佐证材料“" + evidenceNames.getOrDefault(e.getKey(), e.getKey()) + "”（哈希 "
            + e.getKey().substring(0, Math.min(12, e.getKey().length())) + "…）也被"
            + e.getValue().stream().map(code -> unitNames.getOrDefault(code, code) + "（" + code + "）")
                .collect(Collectors.joining("、"))
            + "使用")
        .sorted()
        .toList();
    return new ManualPage(manual.title(), manual.unit().code(), manual.unit().name(),
        SECONDS.format(manual.takenAt()), rows.size(), manual.verification().intact(), manual.verdict(), rows,
        bursts, sharedNotes, manual.checkpointNote(), context.canWrite(), context.added());
  }

  /** "1–5、8、10–12": a burst can hold hundreds of entries, mostly consecutive. */
  static String ranges(List<Long> seqs) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= seqs.size(); i++) {
      if (i == seqs.size() || seqs.get(i) != seqs.get(i - 1) + 1) {
        parts.add(i - 1 == start ? String.valueOf(seqs.get(start)) : seqs.get(start) + "–" + seqs.get(i - 1));
        start = i;
      }
    }
    return String.join("、", parts);
  }

  private static String minutes(ManualSnapshot manual, Instant instant) {
    return MINUTES.format(manual.local(instant));
  }
}
