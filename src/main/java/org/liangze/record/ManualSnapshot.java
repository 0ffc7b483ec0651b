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
    Map<String, String> actorNames, ZonedDateTime takenAt) {

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
