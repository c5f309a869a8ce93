package dev.taskfeed.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A malformed {@code DATABASE_URL} stops start-up with one line that says so, not a stack
 * trace.
 */
class DatabaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUrl.MalformedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUrl.MalformedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set DATABASE_URL to postgres://user:password@host:port/database, or unset it.", null);
	}

}
