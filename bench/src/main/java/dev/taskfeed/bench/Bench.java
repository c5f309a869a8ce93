package dev.taskfeed.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * TaskFeed's benchmarks, run by {@code bench/run}: the server from the built jar with the dyno's
 * JVM flags against a fresh database on the local PostgreSQL, driven from this separate process
 * over loopback. HTTP load comes from wrk, the raw-SQL baseline from pgbench, the feed from JDK
 * WebSocket STOMP sessions; every latency is read off a full histogram (wrk's, or HdrHistogram).
 */
public final class Bench {

	private static final Pattern TITLE = Pattern.compile("\"title\":\"feed (\\d+)\"");

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

	private static final Pattern WRK = Pattern.compile(
			"RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) non2xx=(\\d+) errors=(\\d+)");

	private final Path root;

	private final Path work;

	private final Settings settings;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<String[]> rows = new ArrayList<>();

	private Process server;

	private final long[] cpuAtStart = Machine.cpuTicks();

	private Bench(Path root, Settings settings) throws IOException {
		this.root = root;
		this.settings = settings;
		this.work = Files.createDirectories(root.resolve("bench/target/run"));
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
		Bench bench = new Bench(root, Settings.fromEnvironment());
		if (args.length > 2 && args[1].equals("hold")) {
			// for profiling: hold this many sessions open against a server already on BENCH_PORT
			try (Sessions sessions = bench.new Sessions()) {
				sessions.connect(Integer.parseInt(args[2]));
				log(sessions.size() + " sessions open, " + sessions.failures + " failed; holding them for 10 minutes");
				log("feed: " + summary(sessions.sampleLatency(100)));
				Thread.sleep(600_000);
			}
			return;
		}
		boolean ok = true;
		Runtime.getRuntime().addShutdownHook(new Thread(bench::killServer));
		try {
			if (args.length > 2 && args[1].equals("--only")) {
				ok = bench.runOnly(args[2]);
			}
			else {
				bench.run();
			}
		}
		finally {
			bench.stopServer();
		}
		if (!ok) {
			System.exit(1);
		}
	}

	private void run() throws Exception {
		long started = System.nanoTime();
		log("machine: " + Machine.describe(this.settings.serverJava()));
		psql("postgres", "drop database if exists " + this.settings.database(),
				"create database " + this.settings.database());

		// 5. start-up: five starts, the first one migrating the fresh database; the last one stays up
		List<Long> startups = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			startups.add(startServer("startup-" + i));
			if (i < 5) {
				stopServer();
			}
		}
		long startupMedian = startups.stream().sorted().toList().get(2);
		log("start-up to health UP (ms): " + startups + ", median " + startupMedian);
		Thread.sleep(3000);
		long idleRss = rssKb();

		seed(this.settings.maxSessions());
		String token = "tf_bench_1";
		List<String> categories = psqlRows(
				"select c.id from categories c join projects p on p.id = c.project_id where p.personal_user_id = 1 order by c.id");
		String personalProject = psqlRows("select id from projects where personal_user_id = 1").get(0);

		// the JIT compiles the hot paths first: unmeasured load, as a long-running server has had
		warmUp(token, categories);

		// 1. create over REST vs the same inserts in PostgreSQL
		RssSampler underLoad = new RssSampler(this.server.pid());
		Wrk create = wrk("create.lua", "/api/tasks", Map.of("BENCH_TOKEN", token, "BENCH_CATEGORIES",
				String.join(",", categories)));
		Pgbench rawCreate = pgbench("create.sql", "-D", "owner=1", "-D", "project=" + personalProject, "-D",
				"c1=" + categories.get(0), "-D",
				"c2=" + categories.get(1));
		// 2. a filtered page of 20 with categories and owner
		psql(this.settings.database(), "analyze");
		Wrk list = wrk("list.lua", "/api/tasks?status=TODO&size=20", Map.of("BENCH_TOKEN", "tf_bench_2"));
		Pgbench rawList = pgbench("list.sql", "-D", "owner=2");
		long loadRss = underLoad.stop();

		// 3. feed latency with 1, 100, 1000 connected users
		Map<Integer, Histogram> feed = new LinkedHashMap<>();
		for (int users : this.settings.feedLevels()) {
			try (Sessions sessions = new Sessions()) {
				sessions.connect(users);
				feed.put(users, sessions.sampleLatency(this.settings.feedSamples()));
				log("feed with " + users + " users: " + summary(feed.get(users)));
			}
		}

		// 3b. one change in a shared project: every session of every member gets it
		ProjectOutcome project = projectFanOut();

		// 4. fan-out: sessions in steps while feed p99 stays under 100 ms
		FanOut fanOut = fanOut();
		stopServer();

		report(startupMedian, idleRss, loadRss, create, rawCreate, list, rawList, feed, project, fanOut,
				Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * One case alone ({@code bench/run --only <case>}): the server started once on a fresh
	 * database, the case, and its rows printed and written to {@code bench/target/run/<case>.md}
	 * (not to RESULTS.md, whose table comes from a full run). False when the case failed.
	 */
	private boolean runOnly(String name) throws Exception {
		if (!name.equals(ProjectFanOut.NAME)) {
			throw new IllegalArgumentException("no bench case named '" + name + "'; the one that runs alone is "
					+ ProjectFanOut.NAME);
		}
		long started = System.nanoTime();
		log("machine: " + Machine.describe(this.settings.serverJava()));
		psql("postgres", "drop database if exists " + this.settings.database(),
				"create database " + this.settings.database());
		log("server up after " + startServer(name) + " ms");
		Thread.sleep(3000);
		ProjectOutcome project = projectFanOut();
		stopServer();
		projectRows(project);
		String table = table();
		System.out.println();
		System.out.println(table);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		ProjectFanOut.Settings p = this.settings.projectFanOut();
		StringBuilder md = new StringBuilder();
		md.append("Measured ").append(LocalDate.now()).append(" with `bench/run --only ").append(name)
			.append("` (took ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s).\n\n");
		md.append(machineLines());
		md.append(serverLine()).append(" Only this case ran: the server started once on the fresh database, ")
			.append("without the full run's REST load and warm-up; ").append(p.warmUpEvents())
			.append(" unmeasured creates in the project, then ").append(p.events()).append(" measured, ")
			.append(p.gap().toMillis()).append(" ms apart after each one's last frame");
		if (p.comments() > 0) {
			md.append("; then, on the same sessions, one task and ").append(p.warmUpEvents())
				.append(" unmeasured comments on it, then ").append(p.comments())
				.append(" measured, every member commenting in turn, spaced the same way");
		}
		md.append(".\n\n");
		md.append(table);
		if (project.result() != null) {
			md.append('\n').append(cpu("creates", project.result().creates().cpu())).append(".\n");
			if (project.result().comments() != null) {
				md.append(cpu("comments", project.result().comments().cpu())).append(".\n");
			}
		}
		if (project.result() != null && !project.result().problems().isEmpty()) {
			md.append("\nProblems: ").append(String.join("; ", project.result().problems())).append('\n');
		}
		Path out = this.work.resolve(name + ".md");
		Files.writeString(out, md.toString());
		log("wrote " + out);
		return project.result() != null && project.result().complete();
	}

	private record ProjectOutcome(ProjectFanOut.Result result, String failure) {
	}

	/** The project fan-out case; a failure is reported in its row rather than ending the run. */
	private ProjectOutcome projectFanOut() {
		ProjectFanOut.Settings p = this.settings.projectFanOut();
		log(ProjectFanOut.NAME + ": " + p.members() + " members x " + p.sessionsPerMember() + " sessions, "
				+ p.warmUpEvents() + " + " + p.events() + " creates, " + ((p.comments() > 0)
						? p.warmUpEvents() + " + " + p.comments() + " comments" : "no comments") + ", at most "
				+ p.deadline().toSeconds() + " s");
		try {
			ProjectFanOut.Result result = new ProjectFanOut(this.http, this.settings.port(), p, this.server.pid())
				.run();
			logSeries("creates", result.creates());
			if (result.comments() != null) {
				logSeries("comments", result.comments());
			}
			log(ProjectFanOut.NAME + ": malformed frames " + result.malformed() + "; RSS after the creates "
					+ result.rssKb() / 1024 + " MB");
			return new ProjectOutcome(result, null);
		}
		catch (Exception ex) {
			log(ProjectFanOut.NAME + " failed: " + ex);
			return new ProjectOutcome(null, ex.toString());
		}
	}

	private static void logSeries(String what, ProjectFanOut.Series s) {
		log(ProjectFanOut.NAME + " " + what + ": POST -> frame " + summary(s.delivery()) + "; POST -> last frame "
				+ summary(s.lastDelivery()) + "; frames " + s.received() + " of " + s.expected() + ", duplicates "
				+ s.duplicates() + "; warm-up frames " + s.warmUpReceived() + " of " + s.warmUpExpected() + "; "
				+ cpu(what, s.cpu()));
	}

	private void warmUp(String token, List<String> categories) throws Exception {
		int seconds = this.settings.warmUpSeconds();
		log("warming up for " + 2 * seconds + " s (not measured)");
		exec(List.of("wrk", "-t2", "-c" + this.settings.concurrency(), "-d" + seconds + "s", "-s",
				this.root.resolve("bench/scripts/create.lua").toString(), uri("/api/tasks").toString()),
				Map.of("BENCH_TOKEN", token, "BENCH_CATEGORIES", String.join(",", categories)));
		exec(List.of("wrk", "-t2", "-c" + this.settings.concurrency(), "-d" + seconds + "s", "-s",
				this.root.resolve("bench/scripts/list.lua").toString(),
				uri("/api/tasks?status=TODO&size=20").toString()), Map.of("BENCH_TOKEN", "tf_bench_2"));
	}

	// ---------------------------------------------------------------- server

	/** Starts the server exactly as the Procfile's {@code web:} line does on a 512 MB dyno. */
	private long startServer(String name) throws Exception {
		String web = Files.readAllLines(this.root.resolve("Procfile"))
			.stream()
			.filter((line) -> line.startsWith("web:"))
			.findFirst()
			.orElseThrow()
			.substring(4)
			.strip();
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + web).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve(name + ".log").toFile());
		Path javaBin = Path.of(this.settings.serverJava()).getParent();
		if (javaBin != null) {
			builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
		}
		builder.environment().put("PORT", String.valueOf(this.settings.port()));
		builder.environment().put("JAVA_OPTS", "");
		builder.environment().put("JAVA_TOOL_OPTIONS", "-Xmx300m -Xss512k -XX:CICompilerCount=2");
		builder.environment().put("SPRING_DATASOURCE_URL", this.settings.jdbcUrl());
		builder.environment().put("SPRING_DATASOURCE_USERNAME", this.settings.pgUser());
		builder.environment().put("TOMCAT_MAX_CONNECTIONS", String.valueOf(this.settings.maxSessions() + 1000));
		builder.environment().remove("RABBITMQ_URL");
		builder.environment().remove("CLOUDAMQP_URL");
		try (Socket probe = new Socket()) {
			probe.connect(new InetSocketAddress("127.0.0.1", this.settings.port()), 500);
			throw new IllegalStateException("something already listens on 127.0.0.1:" + this.settings.port()
					+ " (another bench run?); choose another port with BENCH_PORT");
		}
		catch (IOException free) {
			// nobody there: the health checks below will reach this run's server
		}
		long start = System.nanoTime();
		this.server = builder.start();
		// for bench/run, which stops it should this JVM be killed outright
		Files.writeString(this.work.resolve("server.pid"), String.valueOf(this.server.pid()));
		while (true) {
			if (!this.server.isAlive()) {
				throw new IllegalStateException("the server exited; see " + this.work.resolve(name + ".log"));
			}
			try {
				HttpResponse<String> health = this.http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
					return Duration.ofNanos(System.nanoTime() - start).toMillis();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(25);
		}
	}

	private void stopServer() throws InterruptedException {
		if (this.server != null && this.server.isAlive()) {
			this.server.destroy();
			if (!this.server.waitFor(40, TimeUnit.SECONDS)) {
				this.server.destroyForcibly().waitFor();
			}
		}
		try {
			Files.deleteIfExists(this.work.resolve("server.pid"));
		}
		catch (IOException ex) {
			// bench/run checks that the process is gone anyway
		}
	}

	private void killServer() {
		if (this.server != null && this.server.isAlive()) {
			this.server.destroyForcibly();
		}
	}

	private long rssKb() throws IOException {
		return Machine.rssKb(this.server.pid());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.settings.port() + path);
	}

	// ---------------------------------------------------------------- database

	/**
	 * Users and their API tokens straight into the fresh database: {@code tf_bench_<id>} for user
	 * id, each with the personal project registration gives an account (tasks and categories
	 * without a project go there).
	 */
	private void seed(int users) throws Exception {
		psql(this.settings.database(), "insert into users (email, display_name, password_hash, created_at, updated_at) "
				+ "select 'bench-' || g || '@example.com', 'Bench ' || g, '{noop}bench-password', now(), now() "
				+ "from generate_series(1, " + users + ") g",
				"insert into api_tokens (user_id, name, token_hash, created_at) select id, 'bench', "
						+ "encode(sha256(convert_to('tf_bench_' || id, 'UTF8')), 'hex'), now() from users",
				"insert into projects (name, personal_user_id, created_at, updated_at) "
						+ "select 'Personal', id, now(), now() from users order by id",
				"insert into project_members (project_id, user_id, role, created_at) "
						+ "select id, personal_user_id, 'OWNER', now() from projects where personal_user_id is not null",
				"insert into categories (project_id, name, color, created_at, updated_at) select p.id, c.name, c.color, "
						+ "now(), now() from projects p cross join (values ('Work', '#4f46e5'), ('Home', '#22c55e')) "
						+ "c (name, color) where p.personal_user_id in (1, 2)",
				// the list's user: 3,000 tasks, a third of each status, each in both of its categories
				"insert into tasks (owner_id, project_id, title, description, status, due_date, created_at, updated_at) "
						+ "select 2, (select id from projects where personal_user_id = 2), 'Task ' || g, "
						+ "'Seeded task number ' || g, (array['TODO','IN_PROGRESS','DONE'])[1 + g % 3], "
						+ "current_date + (g % 60), now() - g * interval '1 minute', now() - g * interval '1 minute' "
						+ "from generate_series(1, 3000) g",
				"insert into task_categories (task_id, category_id, created_at) select t.id, c.id, now() "
						+ "from tasks t join categories c on c.project_id = t.project_id where t.owner_id = 2",
				// everybody else's tasks, 5 each in their personal projects: a server's table holds many
				// projects, so the planner estimates a project's share of it as small (with only the two
				// projects above, the create load made every project look like half the table, and both
				// sides of the list row were measured on a sequential scan)
				"insert into tasks (owner_id, project_id, title, status, created_at, updated_at) "
						+ "select p.personal_user_id, p.id, 'Background task ' || g, "
						+ "(array['TODO','IN_PROGRESS','DONE'])[1 + g % 3], now(), now() "
						+ "from projects p cross join generate_series(1, 5) g where p.personal_user_id > 2",
				"analyze");
	}

	private void psql(String database, String... statements) throws Exception {
		List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
				this.settings.pgHost(), "-p", this.settings.pgPort(), "-U", this.settings.pgUser(), "-d", database));
		for (String statement : statements) {
			command.add("-c");
			command.add(statement);
		}
		exec(command, Map.of());
	}

	private List<String> psqlRows(String query) throws Exception {
		String out = exec(List.of("psql", "-X", "-At", "-h", this.settings.pgHost(), "-p", this.settings.pgPort(), "-U",
				this.settings.pgUser(), "-d", this.settings.database(), "-c", query), Map.of());
		return Arrays.stream(out.split("\n")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	// ---------------------------------------------------------------- load tools

	private record Wrk(double throughput, long p50Us, long p99Us, long maxUs, long failures) {
	}

	private Wrk wrk(String script, String path, Map<String, String> environment) throws Exception {
		String out = exec(List.of("wrk", "-t2", "-c" + this.settings.concurrency(),
				"-d" + this.settings.seconds() + "s", "--timeout", "10s", "-s",
				this.root.resolve("bench/scripts/" + script).toString(), uri(path).toString()), environment);
		Matcher matcher = WRK.matcher(out);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk printed no result:\n" + out);
		}
		Wrk result = new Wrk(Long.parseLong(matcher.group(1)) / (Long.parseLong(matcher.group(2)) / 1e6),
				Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)),
				Long.parseLong(matcher.group(6)) + Long.parseLong(matcher.group(7)));
		log("wrk " + script + ": " + result);
		return result;
	}

	private record Pgbench(double throughput, Histogram latency) {
	}

	private Pgbench pgbench(String script, String... variables) throws Exception {
		Path logs = Files.createDirectories(this.work.resolve("pgbench-" + script));
		try (Stream<Path> old = Files.list(logs)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c",
				String.valueOf(this.settings.concurrency()), "-j", "2", "-T", String.valueOf(this.settings.seconds()),
				"-l", "--log-prefix=" + logs.resolve("tx"), "-f", this.root.resolve("bench/scripts/" + script).toString(),
				"-h", this.settings.pgHost(), "-p", this.settings.pgPort(), "-U", this.settings.pgUser()));
		command.addAll(Arrays.asList(variables));
		command.add(this.settings.database());
		String out = exec(command, Map.of());
		Matcher tps = TPS.matcher(out);
		if (!tps.find()) {
			throw new IllegalStateException("pgbench printed no tps:\n" + out);
		}
		// per-transaction log lines: client transaction latency_us script epoch epoch_us
		Histogram latency = new Histogram(3);
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : files.toList()) {
				try (Stream<String> lines = Files.lines(file)) {
					lines.forEach((line) -> latency.recordValue(Long.parseLong(line.split(" ")[2])));
				}
			}
		}
		Pgbench result = new Pgbench(Double.parseDouble(tps.group(1)), latency);
		log("pgbench " + script + ": " + String.format(Locale.ROOT, "%.0f tps, ", result.throughput())
				+ summary(latency));
		return result;
	}

	private String exec(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
		}
		return out;
	}

	// ---------------------------------------------------------------- feed

	/** Connected feed sessions, user {@code i} on session {@code i}, and a way to time the feed. */
	private final class Sessions implements AutoCloseable {

		private final HttpClient sockets = HttpClient.newHttpClient();

		private final List<FeedSession> open = new ArrayList<>();

		private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();

		private final Map<Long, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();

		private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

		private final List<Integer> owners = new ArrayList<>();

		private final AtomicLong sequence = new AtomicLong();

		private int nextUser = 1;

		private long failures;

		/** The first few failures' causes, for the report. */
		private final List<String> causes = new ArrayList<>();

		Sessions() {
			this.heartbeats.scheduleAtFixedRate(() -> {
				synchronized (this.open) {
					this.open.forEach(FeedSession::heartbeat);
				}
			}, 5, 5, TimeUnit.SECONDS);
		}

		int size() {
			synchronized (this.open) {
				return this.open.size();
			}
		}

		/**
		 * Opens sessions until there are {@code total}, a few hundred handshakes at a time; each one
		 * joins the heart-beat round as soon as it is up.
		 */
		void connect(int total) throws InterruptedException {
			URI ws = URI.create("ws://127.0.0.1:" + Bench.this.settings.port() + "/ws");
			Semaphore inFlight = new Semaphore(200);
			List<CompletableFuture<FeedSession>> pending = new ArrayList<>();
			for (int user = this.nextUser; user <= total; user++) {
				inFlight.acquire();
				int owner = user;
				pending.add(FeedSession.open(this.sockets, ws, "tf_bench_" + user, this::received)
					.orTimeout(30, TimeUnit.SECONDS)
					.whenComplete((session, failure) -> {
						inFlight.release();
						if (failure == null) {
							synchronized (this.open) {
								this.open.add(session);
								this.owners.add(owner);
							}
						}
					}));
			}
			this.nextUser = total + 1;
			for (CompletableFuture<FeedSession> session : pending) {
				try {
					session.join();
				}
				catch (RuntimeException ex) {
					failed("session: " + ((ex.getCause() != null) ? ex.getCause() : ex));
				}
			}
		}

		private void failed(String cause) {
			this.failures++;
			synchronized (this.causes) {
				if (this.causes.size() < 3) {
					this.causes.add(cause);
				}
			}
		}

		private void received(String body) {
			long now = System.nanoTime();
			Matcher matcher = TITLE.matcher(body);
			if (matcher.find()) {
				CompletableFuture<Long> arrival = this.arrivals.get(Long.parseLong(matcher.group(1)));
				if (arrival != null) {
					arrival.complete(now);
				}
			}
		}

		/** POST as user k, time until user k's session has the frame; one event at a time. */
		Histogram sampleLatency(int samples) throws Exception {
			Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
			long failuresBefore = this.failures;
			for (int i = 0; i < samples && this.failures - failuresBefore < 5; i++) {
				long seq = this.sequence.incrementAndGet();
				int user;
				synchronized (this.open) {
					user = this.owners.get((int) (seq * 7919 % this.owners.size()));
				}
				CompletableFuture<Long> arrival = new CompletableFuture<>();
				this.arrivals.put(seq, arrival);
				HttpRequest post = HttpRequest.newBuilder(uri("/api/tasks"))
					.timeout(Duration.ofSeconds(10))
					.header("Authorization", "Bearer tf_bench_" + user)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"feed " + seq + "\"}"))
					.build();
				long sent = System.nanoTime();
				try {
					HttpResponse<String> response = Bench.this.http.send(post, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 201) {
						throw new IOException("create answered " + response.statusCode() + ": " + response.body());
					}
					long received = arrival.get(5, TimeUnit.SECONDS);
					latency.recordValue(TimeUnit.NANOSECONDS.toMicros(received - sent));
				}
				catch (IOException | java.util.concurrent.TimeoutException ex) {
					failed("event " + seq + " for user " + user + ": " + ex);
				}
				this.arrivals.remove(seq);
			}
			return latency;
		}

		@Override
		public void close() {
			this.heartbeats.shutdownNow();
			synchronized (this.open) {
				this.open.forEach(FeedSession::close);
				this.open.clear();
				this.owners.clear();
			}
		}

	}

	private record FanOut(int heldSessions, double p99Ms, long rssKb, List<String> steps, String limit) {
	}

	private FanOut fanOut() throws Exception {
		List<String> steps = new ArrayList<>();
		int held = 0;
		double heldP99 = 0;
		long heldRss = 0;
		String limit = "stopped at the largest step tried (" + this.settings.maxSessions() + ")";
		try (Sessions sessions = new Sessions()) {
			for (int target = this.settings.fanOutStep(); target <= this.settings.maxSessions(); target += this.settings
				.fanOutStep()) {
				long failuresBefore = sessions.failures;
				sessions.connect(target);
				Thread.sleep(2000);
				Histogram latency = sessions.sampleLatency(200);
				long rss = rssKb();
				double p99 = latency.getValueAtPercentile(99) / 1000.0;
				String feedFigures = (latency.getTotalCount() == 0) ? "no feed frame arrived"
						: String.format(Locale.ROOT, "feed p50 %.1f ms, p99 %.1f ms, max %.1f ms",
								latency.getValueAtPercentile(50) / 1000.0, p99, latency.getMaxValue() / 1000.0);
				String step = String.format(Locale.ROOT, "%d sessions: %s, RSS %d MB%s", sessions.size(), feedFigures,
						rss / 1024, (sessions.failures > failuresBefore)
								? ", " + (sessions.failures - failuresBefore) + " sessions or events failed (" + String.join("; ", sessions.causes) + ")" : "");
				steps.add(step);
				log("fan-out " + step);
				if (!this.server.isAlive()) {
					limit = "the server died at " + target + " sessions";
					break;
				}
				if (p99 >= 100 || latency.getTotalCount() == 0 || sessions.failures > failuresBefore) {
					limit = (p99 >= 100) ? "feed p99 reached 100 ms at " + sessions.size() + " sessions"
							: "sessions or events failed at " + target + " sessions";
					break;
				}
				held = sessions.size();
				heldP99 = p99;
				heldRss = rss;
			}
		}
		return new FanOut(held, heldP99, heldRss, steps, limit);
	}

	// ---------------------------------------------------------------- report

	private void report(long startupMs, long idleRssKb, long loadRssKb, Wrk create, Pgbench rawCreate, Wrk list,
			Pgbench rawList, Map<Integer, Histogram> feed, ProjectOutcome project, FanOut fanOut, Duration took)
			throws Exception {
		String c = String.valueOf(this.settings.concurrency());
		row("Create task (2 categories), " + c + " clients: req/s", fmt(create.throughput()), fmt(rawCreate.throughput()),
				ratio(create.throughput(), rawCreate.throughput()), ">= 0.25 of raw",
				create.throughput() >= 0.25 * rawCreate.throughput() && create.failures() == 0);
		row("  p50 / p99 latency (ms)", ms(create.p50Us()) + " / " + ms(create.p99Us()),
				ms(rawCreate.latency().getValueAtPercentile(50)) + " / " + ms(rawCreate.latency().getValueAtPercentile(99)),
				"", "", null);
		row("List 20 of 3,000 tasks (status filter), " + c + " clients: req/s", fmt(list.throughput()), fmt(rawList.throughput()),
				ratio(list.throughput(), rawList.throughput()), ">= 0.40 of raw",
				list.throughput() >= 0.40 * rawList.throughput() && list.failures() == 0);
		row("  p50 / p99 latency (ms)", ms(list.p50Us()) + " / " + ms(list.p99Us()),
				ms(rawList.latency().getValueAtPercentile(50)) + " / " + ms(rawList.latency().getValueAtPercentile(99)),
				"", "", null);
		for (Map.Entry<Integer, Histogram> level : feed.entrySet()) {
			Histogram h = level.getValue();
			boolean target = level.getKey() == 1000;
			row("Feed latency POST -> frame, " + level.getKey() + " users: p50 / p99 / max (ms)",
					ms(h.getValueAtPercentile(50)) + " / " + ms(h.getValueAtPercentile(99)) + " / " + ms(h.getMaxValue()),
					"", "", target ? "p99 < 50 ms" : "", target ? h.getValueAtPercentile(99) < 50_000 : null);
		}
		projectRows(project);
		row("Fan-out: sessions held with feed p99 < 100 ms (-Xmx300m)", String.valueOf(fanOut.heldSessions()), "", "",
				">= 10,000", fanOut.heldSessions() >= 10_000);
		row("  feed p99 (ms) and RSS (MB) there",
				String.format(Locale.ROOT, "%.1f ms, %d MB", fanOut.p99Ms(), fanOut.rssKb() / 1024), "", "",
				"RSS < 450 MB at 10,000", fanOut.heldSessions() >= 10_000 && fanOut.rssKb() / 1024 < 450);
		row("Start-up to health UP, median of 5 (s)", String.format(Locale.ROOT, "%.2f", startupMs / 1000.0), "", "",
				"< 3 s", startupMs < 3000);
		row("Resident memory idle / under REST load (MB)", (idleRssKb / 1024) + " / " + (loadRssKb / 1024), "", "",
				"< 250 / < 350 MB", idleRssKb / 1024 < 250 && loadRssKb / 1024 < 350);

		String table = table();
		System.out.println();
		System.out.println(table);

		StringBuilder md = new StringBuilder();
		md.append("# TaskFeed benchmark results\n\n");
		md.append("Measured ").append(LocalDate.now()).append(" with `bench/run` (took ").append(took.toMinutes())
			.append(" min ").append(took.toSecondsPart()).append(" s).\n\n");
		md.append(machineLines());
		md.append(serverLine()).append(" Load: wrk, pgbench and the JDK WebSocket sessions of ")
			.append("`bench/src`, on the same machine over loopback, ").append(this.settings.seconds())
			.append(" s per HTTP and SQL run after ").append(2 * this.settings.warmUpSeconds())
			.append(" s of unmeasured warm-up load.\n\n");
		md.append(table).append('\n');
		if (project.result() != null) {
			md.append("Project fan-out: ").append(cpu("creates", project.result().creates().cpu())).append(".\n\n");
			if (project.result().comments() != null) {
				md.append("Project comments: ").append(cpu("comments", project.result().comments().cpu()))
					.append(".\n\n");
			}
		}
		md.append("Fan-out steps:\n\n");
		fanOut.steps().forEach((step) -> md.append("- ").append(step).append('\n'));
		md.append("\nFan-out stopped: ").append(fanOut.limit()).append(".\n");
		Path results = this.root.resolve("bench/RESULTS.md");
		String existing = Files.exists(results) ? Files.readString(results) : "";
		int notes = existing.indexOf("\n## Notes");
		md.append((notes >= 0) ? existing.substring(notes) : "");
		Files.writeString(results, md.toString());
		log("wrote " + results);
	}

	/** The machine, and the share of its CPU time the host took since this run started. */
	private String machineLines() {
		StringBuilder md = new StringBuilder();
		md.append("Machine: ").append(Machine.describe(this.settings.serverJava())).append(".\n");
		double stolen = Machine.stolenPercent(this.cpuAtStart, Machine.cpuTicks());
		log(String.format(Locale.ROOT, "CPU time stolen by the host during the run: %.0f %%", stolen));
		md.append(String.format(Locale.ROOT, "CPU time stolen by the host during the run: %.0f %%", stolen))
			.append((stolen >= 5) ? " (a busy host: these figures are lower than the machine gives alone).\n"
					: ".\n");
		return md.toString();
	}

	private String serverLine() throws Exception {
		return "Server: the Procfile's `web:` line (Spring AOT mode, the unpacked jar with its JVM AOT cache, serial GC) with the "
				+ "dyno's `JAVA_TOOL_OPTIONS=-Xmx300m -Xss512k -XX:CICompilerCount=2`, on PostgreSQL "
				+ psqlRows("show server_version").get(0) + " (local, fresh database).";
	}

	private void projectRows(ProjectOutcome project) {
		ProjectFanOut.Settings p = this.settings.projectFanOut();
		String label = String.format(Locale.ROOT, "Project fan-out: 1 create -> %,d members x %d sessions (%,d), %d creates: "
				+ "POST -> frame at each session, p50 / p99 / max (ms)", p.members(), p.sessionsPerMember(), p.sessions(),
				p.events());
		String commentLabel = String.format(Locale.ROOT, "Project comments: 1 comment -> %,d members x %d sessions (%,d), "
				+ "%d comments on one task by every member in turn: POST -> comment-added frame at each session, "
				+ "p50 / p99 / max (ms)", p.members(), p.sessionsPerMember(), p.sessions(), p.comments());
		ProjectFanOut.Result r = project.result();
		if (r == null) {
			row(label, "failed: " + project.failure().replace('|', '/'), "", "", "every frame", false);
			if (p.comments() > 0) {
				row(commentLabel, "not measured (the step failed)", "", "", "every frame", false);
			}
			return;
		}
		seriesRows(label, "create", r, r.creates(), r.complete(), p.events());
		if (p.comments() > 0) {
			if (r.comments() == null) {
				row(commentLabel, "not measured (the step stopped before the comments)", "", "", "every frame", false);
			}
			else {
				seriesRows(commentLabel, "comment", r, r.comments(), r.complete(), p.comments());
			}
		}
	}

	private void seriesRows(String label, String word, ProjectFanOut.Result r, ProjectFanOut.Series s, boolean complete,
			int asked) {
		Histogram d = s.delivery();
		Histogram last = s.lastDelivery();
		row(label, ms(d.getValueAtPercentile(50)) + " / " + ms(d.getValueAtPercentile(99)) + " / " + ms(d.getMaxValue()),
				"", "", "", null);
		row("  POST -> the " + word + "'s last frame (all " + String.format(Locale.ROOT, "%,d", r.sessions())
				+ " sessions), p50 / p99 / max (ms)", ms(last.getValueAtPercentile(50)) + " / "
						+ ms(last.getValueAtPercentile(99)) + " / " + ms(last.getMaxValue()), "", "", "", null);
		boolean creates = s == r.creates();
		row("  POST response, p50 / p99 (ms)" + (creates ? "; server RSS with the sessions (MB)" : ""),
				ms(s.post().getValueAtPercentile(50)) + " / " + ms(s.post().getValueAtPercentile(99))
						+ (creates ? "; " + r.rssKb() / 1024 : ""), "", "", "", null);
		String frames = String.format(Locale.ROOT, "%,d / %,d", s.received(), s.expected());
		if (s.duplicates() > 0) {
			frames += String.format(Locale.ROOT, " (%d duplicate)", s.duplicates());
		}
		if (s.warmUpReceived() != s.warmUpExpected()) {
			frames += String.format(Locale.ROOT, " (warm-up: %,d / %,d)", s.warmUpReceived(), s.warmUpExpected());
		}
		if (r.malformed() > 0) {
			frames += String.format(Locale.ROOT, " (%d malformed in the step)", r.malformed());
		}
		if (s.events() < asked) {
			frames += " (" + s.events() + " of " + asked + " " + word + "s sent: stopped at the step's deadline)";
		}
		row("  frames received / expected (" + s.events() + " " + word + "s x " + String.format(Locale.ROOT, "%,d", r.sessions())
				+ " sessions)", frames, "", "", "every frame", complete && s.complete(asked));
	}

	private static String cpu(String what, ProjectFanOut.Cpu cpu) {
		return String.format(Locale.ROOT,
				"CPU during the measured " + what + " (%% of both cores): %.0f %% busy, the server %.0f %%, the driver %.0f %%, "
						+ "the rest (PostgreSQL, anything else running) %.0f %%",
				cpu.busy(), cpu.server(), cpu.driver(), cpu.others());
	}
	private String table() {
		StringBuilder table = new StringBuilder();
		table.append("| measure | TaskFeed | raw PostgreSQL | ratio | target | holds |\n|---|---|---|---|---|---|\n");
		for (String[] r : this.rows) {
			table.append("| ").append(String.join(" | ", r)).append(" |\n");
		}
		return table.toString();
	}

	private void row(String measure, String app, String raw, String ratio, String target, Boolean holds) {
		this.rows.add(new String[] { measure, app, raw, ratio, target, (holds == null) ? "" : (holds ? "yes" : "**no**") });
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String ratio(double app, double raw) {
		return String.format(Locale.ROOT, "%.2f", app / raw);
	}

	private static String ms(long micros) {
		return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
	}

	private static String ms(double micros) {
		return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
	}

	private static String summary(Histogram h) {
		return "p50 " + ms(h.getValueAtPercentile(50)) + " ms, p99 " + ms(h.getValueAtPercentile(99)) + " ms, max "
				+ ms(h.getMaxValue()) + " ms (" + h.getTotalCount() + " samples)";
	}

	static void log(String message) {
		System.out.println("[bench] " + message);
	}

}
