package org.liangze.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * What a form offers for picking as evidence (佐证): the files the unit uploaded, by name, date and size, and the
 * entries its people wrote into its record manual, by number, kind, date and summary, as Camunda Forms options
 * ({@code [{label, value}]} for a select's or tag list's {@code valuesKey}). The values are what
 * {@link EvidenceReferences} checks: a file's number and an entry's sequence number. Nobody types either.
 */
@Component
public class CitationOptions {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  /** The newest entries offered; older ones stay citable through the API by their number. */
  public static final int MAX_ENTRIES = 100;
  static final int SUMMARY_CHARS = 30;

  /** One option of a Camunda Forms select, checklist or tag list. */
  public record Option(String label, String value) {
  }

  private final EvidenceFiles files;
  private final RecordManual manual;
  private final ObjectMapper json;
  private final Clock clock;

  CitationOptions(EvidenceFiles files, RecordManual manual, ObjectMapper json, Clock clock) {
    this.files = files;
    this.manual = manual;
    this.json = json;
    this.clock = clock;
  }

  public List<Option> evidenceOptions(String unitCode) {
    return files.uploadedBy(unitCode).stream().map(this::option).toList();
  }

  public List<Option> recordOptions(String unitCode) {
    return manual.recentManualEntries(unitCode, MAX_ENTRIES).stream().map(this::option).toList();
  }

  /**
   * Both of the unit's option lists as a task form's variables ({@code TaskFormOptions}): its files under
   * {@code evidenceVariable}, its record entries under {@code recordVariable}.
   */
  public Map<String, TypedValue> formVariables(String unitCode, String evidenceVariable, String recordVariable) {
    return Map.of(evidenceVariable, evidenceVariable(unitCode), recordVariable, recordVariable(unitCode));
  }

  /** The unit's files as a JSON process variable for a form's {@code valuesKey}. */
  public TypedValue evidenceVariable(String unitCode) {
    return variable(evidenceOptions(unitCode));
  }

  /** The unit's record entries as a JSON process variable for a form's {@code valuesKey}. */
  public TypedValue recordVariable(String unitCode) {
    return variable(recordOptions(unitCode));
  }

  private Option option(EvidenceFile file) {
    return new Option(file.originalName() + "（" + DAY.format(file.uploadedAt().atZone(clock.getZone())) + "上传，"
        + EvidenceFiles.sizeLabel(file.sizeBytes()) + "）", file.contentHash());
  }

  private Option option(RecordEntry entry) {
    String summary = entry.summary() == null ? "" : entry.summary();
    if (summary.length() > SUMMARY_CHARS) {
      summary = summary.substring(0, SUMMARY_CHARS) + "…";
    }
    return new Option("第" + entry.seq() + "条·" + entry.kind().label() + "·"
        + DAY.format(entry.occurredAt().atZone(clock.getZone())) + "：" + summary, String.valueOf(entry.seq()));
  }

  private TypedValue variable(List<Option> options) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(options)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Options could not be written as JSON", e);
    }
  }
}
