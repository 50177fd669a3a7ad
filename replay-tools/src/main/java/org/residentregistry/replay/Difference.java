package org.residentregistry.replay;

/** A value that a read model holds otherwise than the resident's events make it. */
record Difference(String residentCode, String field, String fromEvents, String readModel) {
}
