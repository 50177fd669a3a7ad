package org.residentregistry.benchmarks.suite.measure;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long phase on stderr (stdout carries the figures): a live bar on a terminal; in a log, a line
 * every half minute, so that a run in the background still shows it is alive without filling the log.
 */
public final class Progress implements AutoCloseable {

    private static final int TERMINAL_REFRESH_MILLIS = 500;
    private static final int LOG_LINE_MILLIS = 30_000;
    /** A log has no width to fit; long enough for the task, counts, times and speed. */
    private static final int LOG_LINE_LENGTH = 160;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    public static Progress start(String task, long total, String unit) {
        boolean terminal = System.console() != null;
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal ? TERMINAL_REFRESH_MILLIS : LOG_LINE_MILLIS)
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(System.err)
                        : new DelegatingProgressBarConsumer(System.err::println, LOG_LINE_LENGTH));
        return new Progress(builder.build());
    }

    public void step(long done) {
        bar.stepBy(done);
    }

    @Override
    public void close() {
        bar.close();
    }
}
