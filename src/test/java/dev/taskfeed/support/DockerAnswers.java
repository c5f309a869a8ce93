package dev.taskfeed.support;

import org.testcontainers.DockerClientFactory;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a Docker engine answers, unless {@code TASKFEED_TEST_DB=embedded} asks for
 * the embedded PostgreSQL. Asked once per JVM: the probe takes a while when nothing
 * answers.
 */
public class DockerAnswers implements Condition {

	private static Boolean answers;

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return now();
	}

	public static synchronized boolean now() {
		if (answers == null) {
			answers = !"embedded".equalsIgnoreCase(System.getenv("TASKFEED_TEST_DB")) && probe();
		}
		return answers;
	}

	private static boolean probe() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
