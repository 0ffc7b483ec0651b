package org.liangze.record;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.liangze.organisation.Unit;

/**
 * A unit's record manual as read at one moment, for a page or an export: the entries in chain order, the chain's
 * verification, and the names of the people who recorded them. Every view shows the same snapshot, so the verdict
 * printed under an export is the verdict of the entries in it.
 */
record ManualSnapshot(Unit unit, List<RecordEntry> entries, ChainReport verification,
    Map<String, String> actorNames, ZonedDateTime takenAt, Checkpoints.Coverage checkpoint) {

  ManualSnapshot(Unit unit, List<RecordEntry> entries, ChainReport verification, Map<String, String> actorNames,
      ZonedDateTime takenAt) {
    this(unit, entries, verification, actorNames, takenAt, null);
  }

  /**
   * What the signed checkpoint the chain was checked against covers, for people: "第1–12条记录已纳入第3号签名检查点
   * （2026-05-01 00:30，根哈希 3f2a…）", or that no checkpoint covers the manual yet.
   */
  String checkpointNote() {
    if (checkpoint == null || checkpoint.coveredSeq() == 0) {
      return "本手册尚无记录纳入签名检查点。";
    }
    long after = entries.stream().filter(entry -> entry.seq() > checkpoint.coveredSeq()).count();
    return "第1–" + checkpoint.coveredSeq() + "条记录已纳入第" + checkpoint.checkpointSeq() + "号签名检查点（"
        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(local(checkpoint.createdAt()))
        + "，根哈希 " + checkpoint.rootHash().substring(0, 16) + "…）"
        + (after == 0 ? "。" : "；其后" + after + "条尚待下一次签名检查点。");
  }

  /** The verdict as people read it: 完整, or where the chain first breaks and how. */
  String verdict() {
    if (verification.intact()) {
      return "完整";
    }
    ChainReport.Break first = verification.firstBreak();
    return "第" + first.seq() + "条断裂：" + first.problem().label();
  }

  /** When something happened, on the district's wall clock (Asia/Shanghai), not the server's. */
  LocalDateTime local(Instant instant) {
    return instant.atZone(zone()).toLocalDateTime();
  }

  ZoneId zone() {
    return takenAt.getZone();
  }

  /** "张伟（d01sec）" where the person is known, the login alone otherwise (engine users, people since removed). */
  String actor(RecordEntry entry) {
    String name = actorName(entry);
    return name == null ? entry.actor() : name + "（" + entry.actor() + "）";
  }

  /** The recording person's name, or null if the login belongs to nobody in the platform's people. */
  String actorName(RecordEntry entry) {
    String name = actorNames.get(entry.actor());
    return name == null || name.isBlank() ? null : name;
  }

  String title() {
    return unit.name() + "纪实手册";
  }
}
