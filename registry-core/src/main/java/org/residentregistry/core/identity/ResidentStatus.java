package org.residentregistry.core.identity;

/** Whether a record is current or belongs to a removed person — 消除者. */
public enum ResidentStatus { CURRENT, REMOVED }
