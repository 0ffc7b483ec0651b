package org.liangze.accountability;

/** One investigation of a case (main or supervisory responsibility): the facts found, the findings, the evidence. */
public record Investigation(String responsibility, String facts, String findings, String evidence,
    String investigatedBy) {
}
