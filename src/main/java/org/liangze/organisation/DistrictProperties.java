package org.liangze.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param name the district's name as printed on letters and reports, e.g. 历城区 */
@ConfigurationProperties("liangze.district")
public record DistrictProperties(@DefaultValue("历城区") String name) {
}
