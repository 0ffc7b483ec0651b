package org.liangze.record;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import org.liangze.organisation.Official;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a unit's record manual for the page and the exports, for those allowed to read it: the unit's own people
 * and district supervisors. Read-only by construction: nothing here writes.
 */
@Service
class RecordExports {

  private final RecordManual manual;
  private final ChainVerifier verifier;
  private final UnitRepository units;
  private final PersonRepository people;
  private final Checkpoints checkpoints;
  private final Clock clock;

  RecordExports(RecordManual manual, ChainVerifier verifier, UnitRepository units, PersonRepository people,
      Checkpoints checkpoints, Clock clock) {
    this.manual = manual;
    this.checkpoints = checkpoints;
    this.verifier = verifier;
    this.units = units;
    this.people = people;
    this.clock = clock;
  }

  /**
   * Entries and verification read in one repeatable-read transaction, i.e. from one database snapshot: an entry
   * appended meanwhile can neither appear unverified in the export nor be counted in a verdict printed under
   * entries that do not show it.
   */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public ManualSnapshot snapshot(Official reader, String unitCode) {
    // check visibility before existence, so a unit's people cannot probe which other unit codes exist
    if (!reader.canSee(unitCode)) {
      throw new AccessDeniedException("Record of unit " + unitCode + " is not visible to " + reader.userId());
    }
    Unit unit = units.findByCode(unitCode).orElseThrow(() -> new NotFoundException("单位不存在或已撤销"));
    var entries = manual.entriesOf(unitCode);
    ChainReport verification = verifier.verify(unitCode);
    // the checkpoint named under the manual is the newest valid one the chain was checked against
    Checkpoints.Coverage checkpoint = verification.checkpoint() == null ? null
        : checkpoints.coverage(verification.checkpoint(), unitCode).orElse(null);
    return new ManualSnapshot(unit, entries, verification, actorNames(), ZonedDateTime.now(clock), checkpoint);
  }

  private Map<String, String> actorNames() {
    // people who have left too: their entries keep their names
    return people.names();
  }
}
