package org.liangze.selfcheck;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.lists.ListService;
import org.liangze.organisation.Official;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.JobRetries;
import org.liangze.platform.NotFoundException;
import org.liangze.selfcheck.QuarterlySelfCheckProcess.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that starts the quarterly self-check campaign on demand, and the registration every campaign
 * instance goes through however it was started (the quarterly timer, this service, Tasklist or the engine REST API).
 * A quarter has at most one campaign: the start event claims it in {@code self_check_campaigns}, whose primary key
 * refuses a second one however two starts race.
 *
 * <p>The timer starts the campaign of the quarter that has just ended (01:00 on 1 April starts 2026Q1), so units
 * assess work they have done; a supervisor may start any quarter up to the current one.
 */
@Service
public class SelfCheckCampaigns {

  private static final Logger log = LoggerFactory.getLogger(SelfCheckCampaigns.class);
  /** What a String process variable holds (Camunda's TEXT_ column): a batch is cut before it would grow longer. */
  static final int MAX_BATCH_CHARS = 4000;

  private final RuntimeService runtimeService;
  private final SelfCheckCampaignRepository campaigns;
  private final ListService lists;
  private final SelfCheckBatch batch;
  private final Clock clock;
  private final int unitsPerJob;

  SelfCheckCampaigns(RuntimeService runtimeService, SelfCheckCampaignRepository campaigns, ListService lists,
      SelfCheckBatch batch, Clock clock, @Value("${liangze.self-check.units-per-job:25}") int unitsPerJob) {
    if (unitsPerJob < 1) {
      throw new IllegalArgumentException("liangze.self-check.units-per-job must be at least 1, not " + unitsPerJob);
    }
    this.runtimeService = runtimeService;
    this.campaigns = campaigns;
    this.lists = lists;
    this.batch = batch;
    this.clock = clock;
    this.unitsPerJob = unitsPerJob;
  }

  public record Started(String quarter, String processInstanceId) {
  }

  /** The district's view of a quarter's campaign: its instance, who started it, every self-check counted. */
  public record Progress(String quarter, String processInstanceId, String startedBy, OffsetDateTime startedAt,
      int units, int opened, Map<SelfCheckStatus, Integer> selfChecks) {
  }

  /**
   * A unit's view of a quarter's campaign: the status of its own self-check, {@code null} while it is not opened
   * (or if the campaign does not ask the unit).
   */
  public record UnitProgress(String quarter, List<UnitSelfCheck> selfChecks) {
  }

  public record UnitSelfCheck(String unitCode, SelfCheckStatus status) {
  }

  /** What the timer did: the quarter it meant, and the campaign it started (null if none). */
  record TimerStart(Quarter quarter, String processInstanceId) {
  }

  /** Starts the quarter's campaign as the engine's current user, whose authorizations apply. */
  @Transactional
  public Started start(String quarterText) {
    Quarter quarter = Quarter.parse(quarterText);
    if (campaigns.find(quarter).isPresent()) {
      throw alreadyStarted(quarter);
    }
    try {
      String id = runtimeService.startProcessInstanceByKey(QuarterlySelfCheckProcess.KEY,
          QuarterlySelfCheckProcess.businessKey(quarter), Map.of(Variables.QUARTER, quarter.toString())).getId();
      return new Started(quarter.toString(), id);
    } catch (CampaignAlreadyStartedException | DuplicateKeyException e) {
      throw alreadyStarted(quarter);
    }
  }

  public Progress progress(String quarterText) {
    Quarter quarter = Quarter.parse(quarterText);
    SelfCheckCampaignRepository.Campaign campaign = campaigns.find(quarter)
        .orElseThrow(() -> new NotFoundException(quarter.label() + "自查尚未启动"));
    Map<SelfCheckStatus, Integer> counts = campaigns.countByStatus(quarter);
    int opened = counts.values().stream().mapToInt(Integer::intValue).sum();
    return new Progress(campaign.quarter(), campaign.processInstanceId(), campaign.startedBy(),
        campaign.startedAt(), campaign.unitCount(), opened, counts);
  }

  /** The campaign as the caller's own units see it: their self-checks' status, nothing of other units. */
  public UnitProgress unitProgress(String quarterText, Official official) {
    Quarter quarter = Quarter.parse(quarterText);
    SelfCheckCampaignRepository.Campaign campaign = campaigns.find(quarter)
        .orElseThrow(() -> new NotFoundException(quarter.label() + "自查尚未启动"));
    Map<String, SelfCheckStatus> statuses = campaigns.statusOf(quarter, official.unitCodes());
    return new UnitProgress(campaign.quarter(), official.unitCodes().stream().sorted()
        .map(unitCode -> new UnitSelfCheck(unitCode, statuses.get(unitCode))).toList());
  }

  /** The units a quarter's campaign asks: every active unit carrying a published list of the quarter's year. */
  public List<String> unitsToCheck(String quarterText) {
    return lists.unitsWithPublishedList(Quarter.parse(quarterText).year());
  }

  /**
   * The campaign's units in batches, the collection of the model's outer multi-instance: each batch is started in one
   * job. In the order of {@link #unitsToCheck}, at most {@code liangze.self-check.units-per-job} units a batch.
   */
  public List<String> unitBatches(String quarterText) {
    return batches(unitsToCheck(quarterText), unitsPerJob);
  }

  /** How many units a batch holds at most ({@code liangze.self-check.units-per-job}). */
  public int unitsPerJob() {
    return unitsPerJob;
  }

  /**
   * The units cut into batches of at most {@code size}, each batch their codes joined by commas (a String variable:
   * cheap to store and the same on every read), a batch cut earlier should it grow beyond {@link #MAX_BATCH_CHARS}.
   */
  public static List<String> batches(List<String> unitCodes, int size) {
    List<String> batches = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    int inBatch = 0;
    for (String unitCode : unitCodes) {
      if (unitCode.isEmpty() || unitCode.indexOf(',') >= 0) {
        throw new IllegalArgumentException("unit code '" + unitCode + "' cannot be part of a batch");
      }
      if (inBatch == size || (inBatch > 0 && batch.length() + 1 + unitCode.length() > MAX_BATCH_CHARS)) {
        batches.add(batch.toString());
        batch.setLength(0);
        inBatch = 0;
      }
      if (inBatch > 0) {
        batch.append(',');
      }
      batch.append(unitCode);
      inBatch++;
    }
    if (inBatch > 0) {
      batches.add(batch.toString());
    }
    return batches;
  }

  /**
   * The units of a batch, the collection of the model's inner multi-instance (one self-check each), evaluated in the
   * batch's transaction: their self-checks' look-ups are read for the whole batch at once.
   */
  public List<String> unitsOf(String unitBatch) {
    List<String> units = split(unitBatch);
    batch.starting(units);
    return units;
  }

  /**
   * Whether this batch's job has failed before, the condition of the model's gateway {@code BatchFailedBefore}: then
   * the batch is not tried again as a whole but each of its units in a job of its own
   * ({@code UnitSelfChecksOneByOne}, over {@link #unitsAlone}), so that a unit whose self-check cannot open becomes
   * that unit's incident and every other unit of the batch opens.
   */
  public boolean batchFailedBefore() {
    return JobRetries.currentJobFailedBefore();
  }

  /**
   * The units of a batch whose job failed before, the collection of the model's one-by-one multi-instance: each
   * unit's self-check opens in a job (transaction) of its own, so nothing is read for the batch together.
   */
  public List<String> unitsAlone(String unitBatch) {
    return split(unitBatch);
  }

  /** The unit codes of a batch made by {@link #batches}. */
  public static List<String> split(String unitBatch) {
    return unitBatch == null || unitBatch.isEmpty() ? List.of() : Arrays.asList(unitBatch.split(","));
  }

  public String unitBusinessKey(String unitCode, String quarterText) {
    return UnitSelfCheckProcess.businessKey(unitCode, Quarter.parse(quarterText));
  }

  /**
   * The quarterly timer's start: the campaign of the quarter that has just ended. It starts nothing if the quarter
   * was started before (by a supervisor, or by this timer on a retry), or if its year has no published list yet —
   * then the commission starts it once the lists are out. Neither fails the timer, so it keeps its schedule.
   */
  @Transactional
  TimerStart startFromTimer() {
    Quarter quarter = Quarter.of(today()).previous();
    if (campaigns.find(quarter).isPresent()) {
      log.info("Quarterly self-check {} was started before; the timer starts nothing", quarter);
      return new TimerStart(quarter, null);
    }
    if (lists.unitsWithPublishedList(quarter.year()).isEmpty()) {
      log.warn("Quarterly self-check {} not started: no list of {} is published", quarter, quarter.year());
      return new TimerStart(quarter, null);
    }
    // should a supervisor's start race this one, the primary key fails this job, whose retry then starts nothing
    String id = runtimeService.startProcessInstanceByKey(QuarterlySelfCheckProcess.KEY,
        QuarterlySelfCheckProcess.businessKey(quarter), Map.of(Variables.QUARTER, quarter.toString())).getId();
    log.info("Quarterly self-check {} started by the timer", quarter);
    return new TimerStart(quarter, id);
  }

  /**
   * Called by the start event of every campaign, however it was started: checks the quarter (not a future one, and
   * its year has lists to check against) and claims it; a second start of the quarter is refused.
   */
  Quarter register(Object quarterValue, String processInstanceId, String startedBy) {
    Quarter quarter = Quarter.parse(quarterValue == null ? null : quarterValue.toString());
    if (quarter.compareTo(Quarter.of(today())) > 0) {
      throw new InvalidInputException("不能启动尚未开始的季度（" + quarter.label() + "）的自查");
    }
    List<String> units = lists.unitsWithPublishedList(quarter.year());
    if (units.isEmpty()) {
      throw new InvalidInputException(quarter.year() + "年度尚无已发布的清单，无法开展季度自查");
    }
    claim(quarter, units.size(), processInstanceId, startedBy);
    return quarter;
  }

  private void claim(Quarter quarter, int units, String processInstanceId, String startedBy) {
    try {
      campaigns.insert(quarter, units, processInstanceId, startedBy, OffsetDateTime.now(clock));
    } catch (DuplicateKeyException e) {
      throw new CampaignAlreadyStartedException(quarter);
    }
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  private static ConflictException alreadyStarted(Quarter quarter) {
    return new ConflictException(quarter.label() + "自查已经启动，不能重复启动");
  }

  /** A second start of a quarter, refused inside the engine (answered 400 by the engine REST API). */
  static class CampaignAlreadyStartedException extends InvalidInputException {
    CampaignAlreadyStartedException(Quarter quarter) {
      super(quarter.label() + "自查已经启动，不能重复启动");
    }
  }
}
