package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What Linux's {@code /proc} says about processes: resident memory and CPU time. Empty where it cannot tell. */
public final class ProcFs {

    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /** A {@code kB} line of {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}), in bytes. */
    static OptionalLong statusBytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith(field + ":")) {
                    String kilobytes = line.substring(field.length() + 1).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** CPU seconds a process has used, user and system. */
    public static OptionalDouble cpuSeconds(long pid) {
        return stat(pid).map(s -> OptionalDouble.of(ticks(s, Field.UTIME) + ticks(s, Field.STIME)))
                .orElse(OptionalDouble.empty());
    }

    /**
     * CPU seconds of a process and all its children, living or ended: how PostgreSQL's postmaster and its
     * backends add up.
     */
    public static OptionalDouble cpuSecondsWithChildren(long pid) {
        Optional<List<String>> parent = stat(pid);
        if (parent.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<String> own = parent.get();
        double total = ticks(own, Field.UTIME) + ticks(own, Field.STIME) + ticks(own, Field.CUTIME)
                + ticks(own, Field.CSTIME);
        try (Stream<Path> processes = Files.list(PROC)) {
            total += processes.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(name -> stat(Long.parseLong(name)))
                    .flatMap(Optional::stream)
                    .filter(s -> Long.parseLong(s.get(Field.PPID.index)) == pid)
                    .mapToDouble(s -> ticks(s, Field.UTIME) + ticks(s, Field.STIME))
                    .sum();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(total);
    }

    /**
     * CPU seconds all processes of the machine have used since it booted (user, nice, system, interrupts, steal),
     * from {@code /proc/stat}: what the server, PostgreSQL and the harness did not use went to others.
     */
    public static OptionalDouble machineCpuSeconds() {
        try {
            String[] total = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            double ticks = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(total[field]);
            }
            return OptionalDouble.of(ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** Fields of {@code /proc/<pid>/stat} after the command name, counted from its state field as 0. */
    private enum Field {
        PPID(1), UTIME(11), STIME(12), CUTIME(13), CSTIME(14);

        private final int index;

        Field(int index) {
            this.index = index;
        }
    }

    private static double ticks(List<String> stat, Field field) {
        return Long.parseLong(stat.get(field.index)) / TICKS_PER_SECOND;
    }

    /** The fields after the command name, which may itself hold spaces and parentheses. */
    private static Optional<List<String>> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return Optional.of(List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" ")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
