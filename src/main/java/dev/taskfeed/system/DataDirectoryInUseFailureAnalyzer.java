package dev.taskfeed.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second TaskFeed started on a data directory that a running one uses stops with one
 * line that says so, and leaves the running one and its database alone.
 */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<OrphanedPostgres.DataDirectoryInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, OrphanedPostgres.DataDirectoryInUseException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Stop the other TaskFeed first, or give this one a data directory of its own (TASKFEED_DATA_DIR), "
						+ "or a PORT of its own if you meant to run a second instance on a shared database "
						+ "(set SPRING_DATASOURCE_URL).",
				null);
	}

}
