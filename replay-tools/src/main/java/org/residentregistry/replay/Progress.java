package org.residentregistry.replay;

import java.sql.SQLException;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The progress of a long read: a bar on standard error when someone watches a terminal, nothing otherwise. */
final class Progress implements AutoCloseable {

    /** The number of steps to come, computed only when a bar is shown (counting may itself take a while). */
    @FunctionalInterface
    interface Total {
        long count() throws SQLException;
    }

    private ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, Total total) throws SQLException {
        return start(task, " events", total);
    }

    static Progress start(String task, String unit, Total total) throws SQLException {
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total.count())
                .setUnit(unit, 1).showSpeed().build());
    }

    void step() {
        stepBy(1);
    }

    void stepBy(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    /** Ends the bar, for good: the output that follows has the terminal to itself. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
