package org.residentregistry.core.identity;

/** An address — 住所 — with its district code (大字・字コード) and gaiji items. */
public record Address(String text, String oazaCode, int gaijiCount, int gaijiChangeSeq) {

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "Address[***]";
    }
}
