package org.residentregistry.core.search;

/**
 * How a result of a four-field search matched its query, from the closest: results are ranked in this order, so
 * exact matches come first. It describes the name and the version matched; birth date, sex and address either
 * match or the record is not a result.
 */
public enum Match {
    /** The name as written (widths, kana scripts and spaces aside), or no name asked. */
    EXACT,
    /** The name as written begins with the one asked ({@code namePrefix}). */
    PREFIX,
    /** The kanji matched once variant forms were folded: 髙橋 for 高橋. */
    VARIANT,
    /** The kana matched only in the seion key — 清音化: ヤマサキ for ヤマザキ, キヨウコ for キョウコ. */
    SEION,
    /** Through the former surname — 旧氏 — in place of the surname. */
    FORMER_SURNAME,
    /** Through an earlier version of the record (an earlier name or address); only when removed records are asked for. */
    EARLIER_VERSION
}
