package org.residentregistry.core.prefecture;

import org.residentregistry.core.codes.MunicipalityCode;

/** A municipality — 市町村 — of the prefecture, with its population at the last census. */
public record Municipality(MunicipalityCode code, String name, String kana, String kind, long population) {
}
