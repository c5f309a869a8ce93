package dev.taskfeed.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.taskfeed.support.ServerProcesses.awaitHealth;
import static dev.taskfeed.support.ServerProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar with no database configured, as {@code java -jar} on a newcomer's
 * machine: it starts its own PostgreSQL in a data folder. Killed hard, it leaves that
 * PostgreSQL running; the next start must stop the orphan and carry on, with the data
 * intact. A JVM that exits during start-up (the build's AOT training run exits right
 * after the context refresh) must stop the PostgreSQL it started.
 */
class EmbeddedDatabaseProcessTests {

	/**
	 * The quick JIT only, as the test JVM runs: these servers live for seconds, and it
	 * spares a third of a start's CPU time on two cores (it changes nothing they do).
	 */
	static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

	@TempDir
	Path data;

	private final List<Process> started = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (Process process : this.started) {
			process.destroyForcibly();
		}
		postmaster().ifPresent(ProcessHandle::destroyForcibly);
	}

	@Test
	void theNextStartRecoversFromAKilledServersPostgres() throws Exception {
		int port = freePort();
		Process first = start(port);
		assertThat(awaitHealth(port, first)).as(output(first)).isTrue();
		Api api = new Api(port);
		Api.User user = api.register("embedded-" + System.nanoTime() + "@example.com", "embedded-password", "Embedded");

		first.destroyForcibly(); // SIGKILL: no shutdown hook runs
		assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
		ProcessHandle orphan = postmaster().orElseThrow(() -> new AssertionError("the embedded PostgreSQL stopped"));
		assertThat(orphan.isAlive()).isTrue();

		Process second = start(port);
		assertThat(awaitHealth(port, second)).as(output(second)).isTrue();
		assertThat(orphan.isAlive()).isFalse();
		assertThat(output(second)).contains("Stopped the embedded PostgreSQL (pid " + orphan.pid() + ")")
			.doesNotContain("postmaster.pid\" already exists");
		// the data survived
		api.existing(user.email(), user.password()).get("/api/users/me").expect(200);

		ProcessHandle current = postmaster().orElseThrow();
		second.destroy(); // SIGTERM: stops its PostgreSQL too
		assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(current.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
	}

	@Test
	void aSecondServerOnTheSameDataDirectoryLeavesTheFirstAlone() throws Exception {
		int port = freePort();
		Process first = start(port);
		assertThat(awaitHealth(port, first)).as(output(first)).isTrue();
		ProcessHandle database = postmaster().orElseThrow();

		Process second = start(freePort());
		assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
		assertThat(second.exitValue()).isNotZero();
		assertThat(output(second)).contains("Another TaskFeed is running with its embedded PostgreSQL in")
			.doesNotContain("Stopped the embedded PostgreSQL");
		// the first one and its database carry on
		assertThat(database.isAlive()).isTrue();
		new Api(port).send("GET", "/actuator/health", null, null).expect(200);
	}

	@Test
	void aJvmThatExitsDuringStartUpStopsItsPostgres() throws Exception {
		// as the build's AOT cache training runs it: in Spring AOT mode
		Process process = start(freePort(), "-Dspring.aot.enabled=true", "-Dspring.context.exit=onRefresh");
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(output(process)).isTrue();
		Optional<ProcessHandle> left = postmaster();
		assertThat(left).as("a PostgreSQL left running on " + this.data).isEmpty();
		assertThat(output(process)).contains("Embedded PostgreSQL is listening");
	}

	/** The live PostgreSQL whose pid the data folder's postmaster.pid names, if any. */
	private Optional<ProcessHandle> postmaster() throws IOException {
		Path pidFile = this.data.resolve("postgres").resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		return lines.isEmpty() ? Optional.empty()
				: ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
	}

	private Process start(int port, String... jvmOptions) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add(QUICK_JIT);
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-jar", "target/app/taskfeed.jar"));
		Path log = Files.createTempFile("taskfeed-embedded", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.keySet()
			.removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("JDBC_") || key.equals("DATABASE_URL")
					|| key.equals("RABBITMQ_URL") || key.equals("CLOUDAMQP_URL") || key.equals("JAVA_TOOL_OPTIONS"));
		env.put("PORT", Integer.toString(port));
		env.put("TASKFEED_DATA_DIR", this.data.resolve("postgres").toString());
		Process process = builder.start();
		LOGS.put(process, log);
		this.started.add(process);
		return process;
	}

	private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

	private static String output(Process process) throws IOException {
		return Files.readString(LOGS.get(process), StandardCharsets.UTF_8);
	}

}
