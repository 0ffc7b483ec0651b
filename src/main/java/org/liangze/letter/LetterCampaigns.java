package org.liangze.letter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.lists.ListService;
import org.liangze.organisation.Official;
import org.liangze.organisation.UnitType;
import org.liangze.platform.ConflictException;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that starts the letter-signing process. A year has at most one campaign: the start event
 * registers it in {@code letter_campaigns}, whose primary key refuses a second one however the start arrives
 * (this service, Tasklist or the engine REST API) and however two starts race.
 */
@Service
public class LetterCampaigns {


  private final RuntimeService runtimeService;
  private final LetterCampaignRepository campaigns;
  private final ListService lists;
  private final Clock clock;

  LetterCampaigns(RuntimeService runtimeService, LetterCampaignRepository campaigns, ListService lists,
      Clock clock) {
    this.runtimeService = runtimeService;
    this.campaigns = campaigns;
    this.lists = lists;
    this.clock = clock;
  }

  public record Started(int year, String processInstanceId) {
  }

  /** The district's view of a year's campaign: its instance and every letter's status counted. */
  public record Progress(int year, String processInstanceId, Map<LetterStatus, Integer> letters) {
  }

  /** A unit's view of a year's campaign: only its own letter (none yet while it is being issued). */
  public record UnitProgress(int year, List<UnitLetter> letters) {
  }

  public record UnitLetter(String unitCode, long letterId, LetterStatus status) {
  }

  /** Starts the year's campaign as the engine's current user, whose authorizations apply. */
  @Transactional
  public Started start(String yearText) {
    int year = FormInputs.year(yearText);
    if (campaigns.processInstanceOf(year).isPresent()) {
      throw alreadyStarted(year);
    }
    try {
      String id = runtimeService.startProcessInstanceByKey(LetterSigningProcess.KEY,
          LetterSigningProcess.businessKey(year), Map.of(Variables.YEAR, year)).getId();
      return new Started(year, id);
    } catch (CampaignAlreadyStartedException | DuplicateKeyException e) {
      throw alreadyStarted(year);
    }
  }

  public Progress progress(String yearText) {
    int year = FormInputs.year(yearText);
    String processInstanceId = campaigns.processInstanceOf(year)
        .orElseThrow(() -> new NotFoundException(year + "年度目标责任书签订尚未启动"));
    return new Progress(year, processInstanceId, campaigns.countByStatus(year));
  }

  /** The campaign as the caller's own units see it: the state of their letters, nothing of other units. */
  public UnitProgress unitProgress(String yearText, Official official) {
    int year = FormInputs.year(yearText);
    campaigns.processInstanceOf(year).orElseThrow(() -> new NotFoundException(year + "年度目标责任书签订尚未启动"));
    return new UnitProgress(year, campaigns.lettersOf(year, official.unitCodes()));
  }

  /**
   * Called by the start event of every letter-signing instance, however it was started: checks the year (a
   * number from Tasklist's start form, or text) and that every unit type in use has its common list of the year
   * published (the refusal names the types without one), then claims the year.
   */
  int register(Object yearValue, String processInstanceId, String startedBy) {
    int year = FormInputs.year(yearValue);
    List<UnitType> missing = lists.typesWithoutCommonList(year);
    if (!missing.isEmpty()) {
      throw new InvalidInputException(year + "年度以下单位类型的共性清单尚未发布，无法下发目标责任书："
          + String.join("、", missing.stream().map(UnitType::label).toList()));
    }
    try {
      campaigns.insert(year, processInstanceId, startedBy, OffsetDateTime.now(clock));
    } catch (DuplicateKeyException e) {
      throw new CampaignAlreadyStartedException(year);
    }
    return year;
  }

  private static ConflictException alreadyStarted(int year) {
    return new ConflictException(year + "年度目标责任书签订已经启动，不能重复启动");
  }

  /** A second start of a year, refused inside the engine (answered 400 by the engine REST API). */
  static class CampaignAlreadyStartedException extends InvalidInputException {
    CampaignAlreadyStartedException(int year) {
      super(year + "年度目标责任书签订已经启动，不能重复启动");
    }
  }
}
