package org.liangze.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.springframework.stereotype.Service;

/** What supervisors should look at in a unit's manual: back-dated bursts and evidence reused across units. */
@Service
public class RecordFlags {

  public record Flags(String unitCode, List<BackdatedBursts.Burst> backdatedBursts,
      Map<String, List<String>> evidenceSharedWith) {
  }

  private final RecordManual manual;
  private final EvidenceFiles evidence;
  private final HistoryService history;
  private final IdentityService identity;
  private final RecordProperties properties;

  RecordFlags(RecordManual manual, EvidenceFiles evidence, HistoryService history, IdentityService identity,
      RecordProperties properties) {
    this.manual = manual;
    this.evidence = evidence;
    this.history = history;
    this.identity = identity;
    this.properties = properties;
  }

  public Flags of(String unitCode) {
    List<BackdatedBursts.Burst> bursts = BackdatedBursts.find(manual.entriesOf(unitCode), deadlinesOf(unitCode),
        Duration.ofDays(properties.lateEntryDays()), Duration.ofDays(properties.burstWindowDays()),
        properties.burstSize());
    return new Flags(unitCode, bursts, evidence.sharedWithOtherUnits(unitCode));
  }

  /**
   * Due dates of the unit's tasks in any process, past and present: self-checks, reports, letters. Read as the
   * platform, not as the caller: a flag must not depend on who looks at it (a unit's people cannot read history).
   */
  private List<Instant> deadlinesOf(String unitCode) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return dueDatesOf(unitCode);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private List<Instant> dueDatesOf(String unitCode) {
    return Role.unitRoles().stream()
        .flatMap(role -> history.createHistoricTaskInstanceQuery()
            .taskHadCandidateGroup(Groups.of(role, unitCode)).list().stream())
        .map(HistoricTaskInstance::getDueDate)
        .filter(Objects::nonNull)
        .map(java.util.Date::toInstant)
        .distinct()
        .toList();
  }
}
