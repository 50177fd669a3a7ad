package org.residentregistry.core.overseas;

/** The record's status — 附票本人確認情報状態区分: current or removed. */
public enum OverseasStatus { CURRENT, REMOVED }
