package org.liangze.record;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListService;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitPeople;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The discipline inspector's (纪检委员) own supervisory list: the items of the unit's effective list that are theirs
 * — every 监督责任 item of the unit, and any item whose 责任人 they are — each with its 责任人 and 责任领导, the
 * record-manual entries written against it and the flags raised on them (补录, 集中补录 before a deadline, evidence
 * other units used too). Other readers who may see the unit (its secretary, its parent's posts, the district) get
 * the unit's 监督责任 items, read only.
 */
@Service
public class SupervisoryList {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  /** An entry against an item, with what is flagged on it. */
  public record Entry(long seq, String kind, String occurredAt, String actor, String summary, List<String> flags,
      List<ManualPage.FileLink> files) {
  }

  /**
   * An item of the list.
   *
   * @param mine whether the reader is its 责任人
   */
  public record Item(long itemId, String origin, Responsibility responsibility, String category, String content,
      String personName, String leaderName, boolean mine, List<Entry> entries) {

    public int flagCount() {
      return (int) entries.stream().filter(entry -> !entry.flags().isEmpty()).count();
    }
  }

  private final ListService lists;
  private final RecordManual manual;
  private final RecordFlags flags;
  private final EvidenceFiles evidence;
  private final UnitPeople unitPeople;
  private final Clock clock;

  SupervisoryList(ListService lists, RecordManual manual, RecordFlags flags, EvidenceFiles evidence,
      UnitPeople unitPeople, Clock clock) {
    this.lists = lists;
    this.manual = manual;
    this.flags = flags;
    this.evidence = evidence;
    this.unitPeople = unitPeople;
    this.clock = clock;
  }

  /** The reader's supervisory items of the unit in the year, in list order (common items first). */
  public List<Item> of(Official reader, String unitCode, int year) {
    if (!reader.canSee(unitCode)) {
      throw new AccessDeniedException(reader.userId() + " cannot see unit " + unitCode);
    }
    boolean inspector = reader.isMemberOf(Groups.of(Role.INSPECTOR, unitCode));
    List<EffectiveItem> items = lists.effectiveItems(unitCode, year).stream()
        .filter(item -> item.responsibility() == Responsibility.SUPERVISORY
            || inspector && reader.userId().equals(item.responsiblePerson()))
        .toList();
    if (items.isEmpty()) {
      return List.of();
    }
    Map<String, String> names = new HashMap<>();
    unitPeople.of(unitCode).forEach(member -> names.put(member.userId(), member.name()));
    Set<Long> wanted = new HashSet<>();
    items.forEach(item -> wanted.add(item.itemId()));
    Map<Long, List<RecordEntry>> byItem = new HashMap<>();
    Set<String> hashes = new HashSet<>();
    manual.entriesOf(unitCode).stream()
        .filter(entry -> entry.listItemId() != null && wanted.contains(entry.listItemId()))
        .forEach(entry -> {
          byItem.computeIfAbsent(entry.listItemId(), id -> new ArrayList<>()).add(entry);
          hashes.addAll(entry.evidence());
        });
    RecordFlags.Flags found = flags.of(unitCode);
    Set<Long> backdated = new HashSet<>();
    found.backdatedBursts().forEach(burst -> backdated.addAll(burst.seqs()));
    Set<String> shared = found.evidenceSharedWith().keySet();
    Map<String, String> fileNames = new HashMap<>();
    if (!hashes.isEmpty()) {
      evidence.describeAll(hashes, unitCode).forEach((hash, file) -> fileNames.put(hash, file.originalName()));
    }
    List<Item> result = new ArrayList<>();
    for (EffectiveItem item : items) {
      List<Entry> entries = byItem.getOrDefault(item.itemId(), List.of()).stream()
          .sorted(Comparator.comparing(RecordEntry::occurredAt).reversed())
          .map(entry -> new Entry(entry.seq(), entry.kind().label(),
              DAY.format(entry.occurredAt().atZone(clock.getZone())),
              names.getOrDefault(entry.actor(), entry.actor()), entry.summary(),
              flagsOf(entry, backdated, shared),
              entry.evidence().stream().map(hash -> new ManualPage.FileLink(fileNames.getOrDefault(hash,
                  "文件 " + hash.substring(0, Math.min(8, hash.length())) + "…"), "/api/evidence/" + hash,
                  shared.contains(hash))).toList()))
          .toList();
      result.add(new Item(item.itemId(), item.origin().label() + "第" + item.position() + "项",
          item.responsibility(), item.category(), item.content(), names.get(item.responsiblePerson()),
          names.get(item.responsibleLeader()), reader.userId().equals(item.responsiblePerson()), entries));
    }
    return result;
  }

  private static List<String> flagsOf(RecordEntry entry, Set<Long> backdated, Set<String> shared) {
    List<String> found = new ArrayList<>();
    if (entry.lateReason() != null && !entry.lateReason().isBlank()) {
      found.add("补录：" + entry.lateReason());
    }
    if (backdated.contains(entry.seq())) {
      found.add("截止前集中补录");
    }
    if (entry.evidence().stream().anyMatch(shared::contains)) {
      found.add("佐证材料也被其他单位使用");
    }
    return found;
  }
}
