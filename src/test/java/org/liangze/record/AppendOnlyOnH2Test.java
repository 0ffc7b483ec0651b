package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The embedded default refuses changes to the record manual just as PostgreSQL does. */
@SpringBootTest
@ActiveProfiles("test")
class AppendOnlyOnH2Test {

  @Autowired DemoDistrict district;
  @Autowired RecordManual manual;
  @Autowired ChainVerifier verifier;
  @Autowired JdbcTemplate jdbc;

  @Test
  void updateAndDeleteAreRefused() throws IOException {
    district.seedIfEmpty(2026);
    RecordEntry entry = manual.append(new NewEntry("D02", EntryKind.INSPECTION, null, "d02insp", Instant.now(),
        "检查工程招投标", null, null, null, null));
    assertThatThrownBy(() -> jdbc.update("update record_entries set summary = 'x' where seq = ? and unit_code = 'D02'",
        entry.seq())).hasStackTraceContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from record_entries where unit_code = 'D02'"))
        .hasStackTraceContaining("append-only");
    assertThat(verifier.verify("D02").intact()).isTrue();
    assertThat(manual.entriesOf("D02")).extracting(RecordEntry::summary).containsExactly("检查工程招投标");
  }
}
