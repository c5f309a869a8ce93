package dev.taskfeed.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What a run uses; each has an environment variable to change it (see the README's Benchmarks section). */
record Settings(String pgHost, String pgPort, String pgUser, String database, int port, String serverJava,
		int concurrency, int seconds, int warmUpSeconds, List<Integer> feedLevels, int feedSamples, int fanOutStep, int maxSessions,
		ProjectFanOut.Settings projectFanOut) {

	static Settings fromEnvironment() {
		return new Settings(env("PGHOST", "127.0.0.1"), env("PGPORT", "5432"), env("PGUSER", "postgres"),
				env("BENCH_DATABASE", "taskfeed_bench"), Integer.parseInt(env("BENCH_PORT", "18080")), defaultServerJava(),
				Integer.parseInt(env("BENCH_CONCURRENCY", "16")), Integer.parseInt(env("BENCH_SECONDS", "10")),
				Integer.parseInt(env("BENCH_WARMUP_SECONDS", "30")),
				Arrays.stream(env("BENCH_FEED_USERS", "1,100,1000").split(",")).map(Integer::parseInt).toList(),
				Integer.parseInt(env("BENCH_FEED_SAMPLES", "500")), Integer.parseInt(env("BENCH_FANOUT_STEP", "2500")),
				Integer.parseInt(env("BENCH_MAX_SESSIONS", "15000")),
				new ProjectFanOut.Settings(Integer.parseInt(env("BENCH_PROJECT_MEMBERS", "100")),
						Integer.parseInt(env("BENCH_PROJECT_SESSIONS_PER_MEMBER", "10")),
						Integer.parseInt(env("BENCH_PROJECT_WARMUP_EVENTS", "10")),
						Integer.parseInt(env("BENCH_PROJECT_EVENTS", "60")),
						Integer.parseInt(env("BENCH_PROJECT_COMMENTS", "60")),
						Duration.ofMillis(Long.parseLong(env("BENCH_PROJECT_GAP_MS", "250"))),
						Duration.ofSeconds(Long.parseLong(env("BENCH_PROJECT_DEADLINE_SECONDS", "300")))));
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + this.pgHost + ":" + this.pgPort + "/" + this.database;
	}

	/** The JVM the server runs on: {@code BENCH_JAVA}, else Java 25 as on Heroku when installed, else java. */
	private static String defaultServerJava() {
		String configured = System.getenv("BENCH_JAVA");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
		return Files.isExecutable(temurin) ? temurin.toString() : "java";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
