package org.liangze.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.organisation.IdentitySync;
import org.liangze.talk.TalkProcess;
import org.liangze.talk.TalkProcess.Element;
import org.liangze.talk.TalkProcess.Variables;
import org.liangze.talk.Talks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's talks (谈话), started by the discipline commission and worked through Tasklist's forms' variables: an
 * integrity talk with 区教育和体育局's secretary held and recorded, with two commitments now in the secretary's
 * Tasklist; an integrity talk with 洪楼社区 arranged for the coming days; a problem summons (问题约谈) of 南营村,
 * whose letter is overdue, arranged too. Once: none when any of the three units has a talk.
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 30)
class DemoTalks implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoTalks.class);
  static final String COMMISSION = "jiwei";
  static final String HELD_UNIT = "D01";
  static final String SCHEDULED_UNIT = "T01V02";
  static final String SUMMONED_UNIT = "T02V01";

  private final DemoProperties properties;
  private final DemoActors actors;
  private final Talks talks;
  private final Clock clock;

  DemoTalks(DemoProperties properties, DemoActors actors, Talks talks, Clock clock) {
    this.properties = properties;
    this.actors = actors;
    this.talks = talks;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.startCampaigns() || List.of(HELD_UNIT, SCHEDULED_UNIT, SUMMONED_UNIT).stream()
        .anyMatch(unit -> !talks.talksOf(unit).isEmpty())) {
      return;
    }
    LocalDate today = LocalDate.now(clock);

    // held: arranged for this very moment (a time not in the past), and recorded once that has come, with two
    // commitments the secretary then carries out
    String held = start(HELD_UNIT, "INTEGRITY_TALK", "d01sec",
        "年度廉政谈话：提醒局党组书记履行第一责任人职责，盯住校舍工程和教辅征订等廉政风险点");
    LocalDateTime heldAt = LocalDateTime.now(clock).plus(300, ChronoUnit.MILLIS).truncatedTo(ChronoUnit.MILLIS);
    arrange(held, heldAt, "区纪委监委第一谈话室", "区纪委监委：曹文博、邓雅琴；区教育和体育局：张伟");

    // arranged: the talk takes place in the coming days (its minutes are then due in the commission's Tasklist)
    String scheduled = start(SCHEDULED_UNIT, "INTEGRITY_TALK", "t01v02sec",
        "新任社区党委书记任前廉政谈话");
    arrange(scheduled, today.plusDays(3).atTime(9, 30), "区纪委监委第二谈话室",
        "区纪委监委：邓雅琴；洪家楼街道党工委：徐建国；洪楼社区：姜春梅");

    // the problem summons of 南营村, whose responsibility letter is overdue
    String summons = start(SUMMONED_UNIT, "PROBLEM_SUMMONS", "t02v01sec",
        "目标责任书逾期未签订，村务公开不及时被群众反映，约谈村党支部书记");
    arrange(summons, today.plusDays(2).atTime(15, 0), "西营镇党委会议室",
        "区纪委监委：曹文博；西营镇党委：罗秀英；南营村：谢桂芝");

    waitUntil(heldAt);
    actors.complete(COMMISSION, held, Element.HoldTalk, Map.of(
        Variables.MINUTES, "曹文博同志代表区纪委监委与张伟同志进行廉政谈话，通报了近期教育系统违纪典型案例，"
            + "指出校舍维修工程监管和教辅材料征订存在廉政风险。张伟同志表示认真落实第一责任人职责，"
            + "对照清单逐项整改，并作出两项承诺。",
        Variables.COMMITMENTS, SpinValues.jsonValue("""
            [{"content":"组织全局开展校舍维修工程专项自查，形成自查报告","dueDate":"%s"},
             {"content":"规范教辅材料征订程序，征订目录和收费标准向家长公开","dueDate":"%s"}]"""
            .formatted(today.plusDays(14), today.plusDays(30))).create()));
    actors.tasks(held, Element.FulfilCommitment, 2);
    log.info("Demo talks: one held with {} commitments of {}, two arranged ({}, {})", 2, HELD_UNIT,
        SCHEDULED_UNIT, SUMMONED_UNIT);
  }

  /** A moment at most: the held talk's time, fixed a moment ahead, must have come before it is recorded. */
  private void waitUntil(LocalDateTime time) {
    long millis = java.time.Duration.between(LocalDateTime.now(clock), time).toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while seeding the demo's talks", e);
      }
    }
  }

  private String start(String unitCode, String kind, String subject, String cause) {
    return actors.as(COMMISSION, () -> talks.start(new Talks.StartRequest(unitCode, kind, subject, cause)))
        .processInstanceId();
  }

  /** 安排谈话, then the notice (asynchronous) goes out at once: the talk waits for its minutes. */
  private void arrange(String instance, LocalDateTime at, String place, String participants) {
    actors.complete(COMMISSION, instance, Element.ArrangeTalk, Map.of(Variables.TALK_TIME, at.toString(),
        Variables.PLACE, place, Variables.PARTICIPANTS, participants));
    actors.task(instance, TalkProcess.Element.HoldTalk);
  }
}
