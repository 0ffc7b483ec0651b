package org.liangze.record;

/**
 * A unit has something new to cite: a file it uploaded, or an entry its people added to its record manual. Forms
 * that offer a unit's evidence for picking refresh their lists on it (published within the writing transaction).
 */
public record UnitEvidenceChanged(String unitCode) {
}
