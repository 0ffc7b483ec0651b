package org.liangze.escalation;

import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link OpenTaskUnitsTest} on PostgreSQL, the production database: its collation orders the candidate groups the
 * SQL rule takes the smallest of, and its planner runs the report's anti-join of suspended tasks.
 */
class OpenTaskUnitsPostgresTest extends OpenTaskUnitsTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
