package org.residentregistry.benchmarks.suite;

import java.time.OffsetDateTime;
import java.util.List;

import org.residentregistry.benchmarks.suite.environment.ResourceSample;
import org.residentregistry.benchmarks.suite.ingest.ChangeStreamBenchmark;
import org.residentregistry.benchmarks.suite.ingest.EventTableReference;
import org.residentregistry.benchmarks.suite.ingest.InitialLoadBenchmark;
import org.residentregistry.benchmarks.suite.load.PlainBatchInsert;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;
import org.residentregistry.benchmarks.suite.rebuild.RebuildBenchmark;

/** Everything one run measured. */
record SuiteResults(SuiteSettings settings, Machine machine, OffsetDateTime at,
                    EventTableReference.Result ingestReference, InitialLoadBenchmark.Result initialLoad,
                    ChangeStreamBenchmark.Result changes, RebuildBenchmark.Result rebuild,
                    PlainBatchInsert.Rates rebuildReference,
                    List<QueryBenchmark.Result> queries, ResourceSample started, List<Phases.Phase> phases) {

    Phases.Phase phase(String name) {
        return Phases.named(phases, name);
    }

    /**
     * Whether the registry answered as it must: every resident of the initial load applied and stored, every
     * change answered as expected, every query answered. Figures from a registry that fails this mean little.
     */
    boolean correct() {
        return initialLoad.everyNotificationApplied() && initialLoad.everyResidentStored()
                && changes.unexpected() == 0
                && QueryPhases.allAnswered(queries);
    }
}
