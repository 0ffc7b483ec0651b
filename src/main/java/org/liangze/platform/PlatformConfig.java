package org.liangze.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PlatformConfig {

  /** The district works in China Standard Time, whatever zone the server runs in. */
  static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");

  @Bean
  Clock clock() {
    return new EngineClock(DISTRICT_ZONE);
  }
}
