package org.residentregistry.benchmarks.prefecture;

/** The municipal operator and terminal a notification names (操作者ＩＤ, 操作端末ＩＤ). */
record Clerk(String operatorId, String terminalId) {

    /** A municipality's residents' desk: a dozen operators sharing eight terminals. */
    static Clerk any(Rng rng) {
        return new Clerk("op-" + rng.between(1, 12), "t-" + rng.between(1, 8));
    }
}
