package org.liangze.record;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.liangze.organisation.Official;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Whether one record entry is intact in its unit's chain (what a QR code printed on a paper document opens): the
 * unit's chain is walked ({@link ChainVerifier}), and the entry counts as intact when the chain is unbroken up to
 * and including it; the oldest signed checkpoint that seals it is named. Readable by the unit's people, the leading
 * posts of the unit above, and the district's posts (the commission), like the record manual itself.
 */
@Service
public class EntryVerifications {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  /** Breaks after the entry that leave the entries before them as they were sealed. */
  private static final Set<ChainReport.Problem> LATER_BREAKS_LEAVING_IT = EnumSet.of(ChainReport.Problem.EDITED,
      ChainReport.Problem.MISSING, ChainReport.Problem.RELINKED, ChainReport.Problem.TAIL_MISSING,
      ChainReport.Problem.UNKNOWN_ALGORITHM);

  private final RecordRepository entries;
  private final ChainVerifier verifier;
  private final Checkpoints checkpoints;
  private final UnitRepository units;
  private final Clock clock;

  EntryVerifications(RecordRepository entries, ChainVerifier verifier, Checkpoints checkpoints, UnitRepository units,
      Clock clock) {
    this.entries = entries;
    this.verifier = verifier;
    this.checkpoints = checkpoints;
    this.units = units;
    this.clock = clock;
  }

  /** The page that verifies the entry, relative to the platform's address. */
  public static String path(long entryId) {
    return "/pages/record/entries/" + entryId + "/verification";
  }

  /** How a verified entry is reported: text ready for the page. */
  public record Result(long entryId, String unitCode, String unitName, long seq, String kind, String summary,
      String occurredAt, String recordedAt, String entryHash, String previousHash, boolean intact, String verdict,
      String chainNote, Long checkpointSeq, String checkpointTime, String checkpointRoot, long entriesChecked) {
  }

  public Result verify(Official reader, long entryId) {
    RecordEntry entry = entries.findById(entryId)
        .orElseThrow(() -> new NotFoundException("纪实记录不存在"));
    if (!reader.canSee(entry.unitCode())) {
      throw new AccessDeniedException(reader.userId() + " cannot see unit " + entry.unitCode() + "'s record");
    }
    String unitName = units.findByCode(entry.unitCode()).map(unit -> unit.name()).orElse(entry.unitCode());
    ChainReport report = verifier.verify(entry.unitCode());
    ChainReport.Break found = report.firstBreak();
    boolean intact;
    String verdict;
    String chainNote;
    if (found == null) {
      intact = true;
      verdict = "完整：该记录自记入以来未被修改，在本单位纪实链中的位置和链接均正确。";
      chainNote = "本单位纪实链完整（共校验" + report.entriesChecked() + "条记录）。";
    } else if (found.seq() > entry.seq() && LATER_BREAKS_LEAVING_IT.contains(found.problem())) {
      intact = true;
      verdict = "完整：该记录及其之前的记录与记入时一致。";
      chainNote = "注意：本单位纪实链在该记录之后的第" + found.seq() + "条处" + found.problem().label()
          + "，请联系区纪委监委核查。";
    } else {
      intact = false;
      verdict = found.seq() == entry.seq()
          ? "不完整：该记录" + found.problem().label() + "，与记入时不一致。"
          : "无法确认：本单位纪实链在第" + found.seq() + "条处" + found.problem().label() + "，该记录的完整性无法得到证明。";
      chainNote = "本单位纪实链第" + found.seq() + "条：" + found.problem().label() + "。";
    }
    Optional<Checkpoints.Coverage> covering = checkpoints.firstCovering(entry.unitCode(), entry.seq());
    return new Result(entry.id(), entry.unitCode(), unitName, entry.seq(), entry.kind().label(), entry.summary(),
        TIME.format(entry.occurredAt().atZone(clock.getZone())), TIME.format(entry.recordedAt().atZone(clock.getZone())),
        entry.entryHash(), entry.previousHash(), intact, verdict, chainNote,
        covering.map(Checkpoints.Coverage::checkpointSeq).orElse(null),
        covering.map(coverage -> TIME.format(coverage.createdAt().atZone(clock.getZone()))).orElse(null),
        covering.map(Checkpoints.Coverage::rootHash).orElse(null), report.entriesChecked());
  }

  /** The entry's id, for a link to its verification, if the unit's chain has this entry. */
  public Optional<Long> entryId(String unitCode, long seq) {
    return entries.find(unitCode, seq).map(RecordEntry::id);
  }
}
