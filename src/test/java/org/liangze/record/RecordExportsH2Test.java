package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo runs on H2: the export's repeatable-read snapshot works there too (the HTTP tests run on PostgreSQL).
 */
@SpringBootTest
@ActiveProfiles("test")
class RecordExportsH2Test {

  @Autowired DemoDistrict district;
  @Autowired RecordManual manual;
  @Autowired RecordExports exports;
  @Autowired ManualWorkbook workbook;

  @Test
  void aSupervisorExportsAUnitsManualOnTheEmbeddedDatabase() throws IOException {
    district.seedIfEmpty(2026);
    manual.append(new NewEntry("A01", EntryKind.MEETING, null, "a01staff", Instant.now(), "疾控中心党支部专题组织生活会",
        null, null, null, null));

    ManualSnapshot snapshot = exports.snapshot(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)), "A01");

    assertThat(snapshot.entries()).extracting(RecordEntry::summary).containsExactly("疾控中心党支部专题组织生活会");
    assertThat(snapshot.verdict()).isEqualTo("完整");
    assertThat(snapshot.zone().getId()).isEqualTo("Asia/Shanghai");
    assertThat(workbook.write(snapshot)).isNotEmpty();
  }
}
