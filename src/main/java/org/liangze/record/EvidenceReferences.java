package org.liangze.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Evidence as people cite it on a form: the numbers (content hashes) of uploaded files and the sequence numbers of
 * entries in the unit's record manual, each separated by spaces, commas or 、. Every reference must exist — a file
 * that was uploaded, an entry of the unit's own manual — and cited files are attached to the unit.
 */
@Component
public class EvidenceReferences {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s,，、;；]+");
  private static final Pattern ENTRY_NUMBER = Pattern.compile("#?(\\d{1,18})");
  static final int MAX_REFERENCES = 50;

  private final EvidenceFiles files;
  private final RecordManual manual;

  EvidenceReferences(EvidenceFiles files, RecordManual manual) {
    this.files = files;
    this.manual = manual;
  }

  /** Checked references: file hashes and record-entry sequence numbers, without duplicates. */
  public record Cited(List<String> fileHashes, List<Long> entrySeqs) {

    public String filesText() {
      return fileHashes.isEmpty() ? null : String.join(" ", fileHashes);
    }

    public String entriesText() {
      return entrySeqs.isEmpty() ? null : String.join(" ", entrySeqs.stream().map(String::valueOf).toList());
    }

    public boolean isEmpty() {
      return fileHashes.isEmpty() && entrySeqs.isEmpty();
    }
  }

  /**
   * Checks what a unit cites and attaches the files to it. {@code where} names the place on the form for the
   * message ("第3项"), since a unit with many items must know which one to fix.
   */
  public Cited cite(String unitCode, String where, String filesText, String entriesText) {
    List<String> hashes = tokens(filesText).stream().map(String::toLowerCase).distinct().toList();
    if (hashes.size() > MAX_REFERENCES) {
      throw new InvalidInputException(where + "：佐证材料最多引用" + MAX_REFERENCES + "个");
    }
    try {
      files.attach(hashes, unitCode);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + "：" + e.getMessage());
    }
    List<Long> seqs = new ArrayList<>();
    for (String token : tokens(entriesText)) {
      var matcher = ENTRY_NUMBER.matcher(token);
      if (!matcher.matches()) {
        throw new InvalidInputException(where + "：纪实记录序号应为数字，例如 12");
      }
      long seq = Long.parseLong(matcher.group(1));
      if (!manual.hasEntry(unitCode, seq)) {
        throw new InvalidInputException(where + "：本单位纪实手册中没有第" + seq + "条记录");
      }
      if (!seqs.contains(seq)) {
        seqs.add(seq);
      }
    }
    if (seqs.size() > MAX_REFERENCES) {
      throw new InvalidInputException(where + "：纪实记录最多引用" + MAX_REFERENCES + "条");
    }
    return new Cited(hashes, seqs);
  }

  private static List<String> tokens(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(SEPARATORS.split(text.strip())).filter(token -> !token.isEmpty()).toList();
  }
}
