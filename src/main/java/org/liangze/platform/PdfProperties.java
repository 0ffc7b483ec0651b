package org.liangze.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param font a TrueType font file (.ttf, or the first font of a .ttc) with Chinese glyphs for PDF exports; blank
 *     means the first of the usual Debian font packages that is installed (see {@link PdfFonts})
 */
@ConfigurationProperties("liangze.pdf")
public record PdfProperties(String font) {
}
