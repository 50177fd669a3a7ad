package org.residentregistry.benchmarks.prefecture;

/**
 * A 町 or 大字 of a municipality: the beginning of every address in it ("埼玉県川口市本町"), its 大字・字コード,
 * how many 丁目 it has, and how many 外字 its name holds.
 */
public record District(String addressPrefix, String oazaCode, int chomeCount, int gaijiCount) {

    static District of(String addressPrefix, String oazaCode, int chomeCount) {
        return new District(addressPrefix, oazaCode, chomeCount, Gaiji.count(addressPrefix));
    }
}
