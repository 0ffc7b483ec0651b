package org.liangze.demo;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListService;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.record.EntryKind;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.ManualEntries;
import org.liangze.record.RecordManual;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's record manual entries (履责纪实) with evidence: staff, secretaries, inspectors (纪检委员) and a team member
 * (班子成员) of several units record meetings, study and inspections of the last days against their list items, each
 * with a generated PDF or photo uploaded as the unit's evidence, through the record feature's public services (as
 * the page 新增履责纪实 does). Once: none when 花园社区 has manual entries.
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 25)
class DemoRecordEntries implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRecordEntries.class);
  /** The unit whose page the README points secretaries to; its entries guard the seeding. */
  static final String UNIT = "T01V01";

  record File(String name, boolean photo, String title, List<String> lines) {
  }

  record Entry(String unitCode, String userId, EntryKind kind, String category, int daysAgo, String summary,
      List<File> files) {
  }

  static final List<Entry> ENTRIES = List.of(
      new Entry(UNIT, "t01v01staff", EntryKind.MEETING, "小微权力", 6,
          "社区党委召开专题会议，逐项梳理小微权力清单，更新权力运行流程图并在社区公开栏张贴公开。",
          List.of(new File("社区党委会议记录.pdf", false, "花园社区党委会议记录",
                  List.of("议题：梳理小微权力清单，更新权力运行流程图。", "出席：社区党委委员5人，列席：居务监督委员会主任。",
                      "决定：流程图于本周内在社区公开栏和居民群公开。")),
              new File("公开栏照片.png", true, "花园社区小微权力公开栏",
                  List.of("一、社区集体资产管理流程", "二、困难救助初审流程", "三、公益性岗位人员管理流程")))),
      new Entry(UNIT, "t01v01insp", EntryKind.INSPECTION, "网格公岗", 3,
          "纪检委员抽查网格员走访记录和公益性岗位考勤12人次，发现1人考勤记录不全，已当面提醒并要求补正。",
          List.of(new File("网格公岗抽查记录.pdf", false, "网格员及公益性岗位履职抽查记录",
              List.of("抽查人：高玉兰（纪检委员）", "抽查对象：网格员8人、公益性岗位4人", "发现问题：1人考勤记录不全，已提醒补正。")))),
      new Entry(UNIT, "t01v01sec", EntryKind.STUDY, "廉洁教育", 2,
          "书记带领社区两委成员学习《中国共产党纪律处分条例》，观看警示教育片。",
          List.of(new File("学习签到表.png", true, "警示教育学习签到表",
              List.of("何刚、郭晓燕、高玉兰等7人参加", "学习内容：纪律处分条例第六章")))),
      new Entry("T01V02", "t01v02staff", EntryKind.MEETING, "物业监管", 4,
          "召开业委会、物业企业和居民代表联席会，通报第三季度公共收益收支情况并在小区公告栏公示。",
          List.of(new File("联席会记录.pdf", false, "洪楼社区物业联席会记录",
              List.of("参加：业委会3人、物业企业2人、居民代表6人", "通报第三季度公共收益收支，居民代表无异议。")))),
      new Entry("T02", "t02insp", EntryKind.INSPECTION, "涉农项目", 1,
          "班子成员带队对美丽乡村建设项目资金拨付开展专项检查，抽查3个村的项目台账，督促补齐验收资料。",
          List.of(new File("涉农项目专项检查表.pdf", false, "涉农项目资金专项检查表",
              List.of("检查人：郑浩（班子成员、纪检委员）", "抽查：南营村等3个村的美丽乡村建设项目", "问题：1个项目验收资料不全，限期补齐。")))),
      new Entry("D01S01", "d01s01insp", EntryKind.INSPECTION, "窗口作风", 2,
          "纪检委员对入学咨询窗口开展作风暗访，未发现推诿扯皮问题，对1名工作人员答复不规范进行提醒。",
          List.of(new File("窗口暗访记录.png", true, "入学咨询窗口暗访记录",
              List.of("暗访时间：上午9时至11时", "接待家长咨询23人次，答复规范", "提醒1人：答复用语不规范")))));

  private final DemoProperties properties;
  private final DemoActors actors;
  private final DemoEvidence documents;
  private final EvidenceFiles evidence;
  private final ManualEntries entries;
  private final RecordManual manual;
  private final ListService lists;
  private final Clock clock;

  DemoRecordEntries(DemoProperties properties, DemoActors actors, DemoEvidence documents, EvidenceFiles evidence,
      ManualEntries entries, RecordManual manual, ListService lists, Clock clock) {
    this.properties = properties;
    this.actors = actors;
    this.documents = documents;
    this.evidence = evidence;
    this.entries = entries;
    this.manual = manual;
    this.lists = lists;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.startCampaigns() || !manual.recentManualEntries(UNIT, 1).isEmpty()) {
      return;
    }
    int year = LocalDate.now(clock).getYear();
    int files = 0;
    Optional<DemoEvidence.Writer> writer = documents.open();
    try {
      for (Entry entry : ENTRIES) {
        Official official = actors.official(entry.userId());
        List<String> hashes = new ArrayList<>();
        for (File file : writer.isPresent() ? entry.files() : List.<File>of()) {
          byte[] content = file.photo() ? writer.get().png(file.title(), file.lines())
              : writer.get().pdf(file.title(), file.lines());
          hashes.add(evidence.store(file.name(), content, official.userId(), List.of(entry.unitCode()))
              .contentHash());
        }
        files += hashes.size();
        Long itemId = lists.effectiveItems(entry.unitCode(), year).stream()
            .filter(item -> item.category().equals(entry.category())).map(EffectiveItem::itemId).findFirst()
            .orElse(null);
        // in the morning of the day it happened, not in the future on the first morning of a year
        Instant occurred = LocalDate.now(clock).minusDays(entry.daysAgo()).atTime(9, 30).atZone(clock.getZone())
            .toInstant();
        entries.add(official, entry.unitCode(), new ManualEntries.Request(entry.kind(), itemId,
            occurred.isAfter(clock.instant()) ? clock.instant().minus(Duration.ofMinutes(1)) : occurred,
            entry.summary(), null, hashes));
      }
    } finally {
      if (writer.isPresent()) {
        writer.get().close();
      }
    }
    log.info("Demo record entries: {} entries with {} evidence files", ENTRIES.size(), files);
  }
}
