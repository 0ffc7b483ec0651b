package org.liangze.record;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize the largest evidence file accepted
 * @param allowedTypes media types accepted, as detected from the file's content (not its name)
 */
@ConfigurationProperties("liangze.evidence")
public record EvidenceProperties(
    @DefaultValue("20MB") DataSize maxSize,
    @DefaultValue({"application/pdf", "image/jpeg", "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/msword", "application/vnd.ms-excel"}) List<String> allowedTypes) {
}
