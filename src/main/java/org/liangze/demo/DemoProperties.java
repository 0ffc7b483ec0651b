package org.liangze.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param startCampaigns whether the demo starts this year's campaigns and leaves some work overdue */
@ConfigurationProperties("liangze.demo")
record DemoProperties(boolean startCampaigns) {
}
