package dev.taskfeed.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * One change in a shared project, seen by every session of every member: a project of
 * {@code members} accounts, each with {@code sessionsPerMember} feed sessions open, and a
 * series of task creates in it, one at a time and spaced out (a latency measure, not a
 * throughput one). Each create is timed from just before its POST to the arrival of its
 * {@code created} frame at each session; every (session, event) delivery is one sample.
 * Then, on the same sessions, a series of comments on one task of the project, every member
 * (viewers too) commenting in turn, each timed the same way to its {@code comment-added}
 * frame at each session.
 * <p>
 * Everything goes through the API as a user would: the accounts are registered
 * ({@code POST /api/users}, a BCrypt hash each), each mints one API token (the only
 * request that signs in with a password), and from then on every request and every
 * WebSocket handshake carries {@code Authorization: Bearer}. The first account creates the
 * project and adds the others, every other one as EDITOR and the rest as VIEWER; the
 * creates rotate over the owner and the editors. The step stops at its deadline whatever
 * state it is in, and closes its sessions however it ends.
 */
final class ProjectFanOut {

	static final String NAME = "project-fanout";

	private static final String TITLE_PREFIX = "project fan-out ";

	private static final Pattern TITLE = Pattern.compile("\"title\":\"" + TITLE_PREFIX + "(\\d+)\"");

	private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

	private static final String COMMENT_PREFIX = "bench comment ";

	private static final Pattern COMMENT = Pattern.compile("\"body\":\"" + COMMENT_PREFIX + "(\\d+)\"");

	private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** How long one event's frames may take before the next create goes out anyway. */
	private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

	/**
	 * {@code comments}: measured comments after the creates (0: none), after
	 * {@code warmUpEvents} unmeasured ones.
	 */
	record Settings(int members, int sessionsPerMember, int warmUpEvents, int events, int comments, Duration gap,
			Duration deadline) {

		int sessions() {
			return this.members * this.sessionsPerMember;
		}

	}

	/**
	 * What one run measured: the creates' series, then the comments' (null when none were
	 * asked for, or the step ended before them).
	 */
	record Result(Settings settings, int sessions, Series creates, Series comments, long malformed, Duration setup,
			long rssKb, int problemCount, List<String> problems, boolean stoppedAtDeadline) {

		boolean complete() {
			return this.sessions == this.settings.sessions() && this.creates.complete(this.settings.events())
					&& ((this.settings.comments() == 0)
							|| (this.comments != null && this.comments.complete(this.settings.comments())))
					&& this.malformed == 0 && this.problemCount == 0 && !this.stoppedAtDeadline;
		}

	}

	/**
	 * One measured series (creates, or comments). {@code delivery}: POST -> frame per
	 * (session, event); {@code lastDelivery}: POST -> the event's last frame, per event;
	 * {@code post}: the POST's own response time; {@code cpu}: during the measured events.
	 */
	record Series(int events, long expected, long received, long duplicates, Histogram delivery,
			Histogram lastDelivery, Histogram post, long warmUpExpected, long warmUpReceived, Cpu cpu) {

		boolean complete(int asked) {
			return this.events == asked && this.received == this.expected && this.duplicates == 0
					&& this.warmUpReceived == this.warmUpExpected;
		}

	}

	/** What a series sends: a create in the project, or a comment on its one task. */
	private enum Kind {

		CREATE("create"), COMMENT("comment");

		final String word;

		Kind(String word) {
			this.word = word;
		}

	}

	/**
	 * Shares of the machine's CPU time (both cores) during the measured series: busy in all,
	 * the server's, this driver's, and the rest (PostgreSQL, anything else running).
	 */
	record Cpu(double busy, double server, double driver) {

		double others() {
			return Math.max(0, this.busy - this.server - this.driver);
		}

		static Cpu between(long[] before, long[] after) {
			double total = Math.max(1, after[0] - before[0]);
			return new Cpu(100 * (after[1] - before[1]) / total, 100 * (after[2] - before[2]) / total,
					100 * (after[3] - before[3]) / total);
		}

	}

	private final HttpClient http;

	private final String base;

	private final Settings settings;

	private final long serverPid;

	private final long deadline;

	/** The first few problems, for the report; {@link #problemCount} counts them all. */
	private final List<String> problems = new ArrayList<>();

	private int problemCount;

	private final Map<Long, Event> events = new ConcurrentHashMap<>();

	private final Map<Long, Event> comments = new ConcurrentHashMap<>();

	/** The task the comments go to (its frames are checked to carry it). */
	private volatile long commentTaskId = -1;

	private final AtomicLong malformed = new AtomicLong();

	ProjectFanOut(HttpClient http, int port, Settings settings, long serverPid) {
		this.http = http;
		this.base = "http://127.0.0.1:" + port;
		this.settings = settings;
		this.serverPid = serverPid;
		this.deadline = System.nanoTime() + settings.deadline().toNanos();
	}

	/** A create and the arrival time of its frame at each session (0: not yet). */
	private static final class Event {

		final AtomicLongArray arrivals;

		final CountDownLatch all;

		final AtomicLong duplicates = new AtomicLong();

		volatile long sent;

		Event(int sessions) {
			this.arrivals = new AtomicLongArray(sessions);
			this.all = new CountDownLatch(sessions);
		}

	}

	private record Member(String email, String token, String role) {
	}

	Result run() throws Exception {
		long started = System.nanoTime();
		List<Member> members = register();
		long projectId = createProject(members);
		List<FeedSession> open = new ArrayList<>();
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		HttpClient sockets = HttpClient.newHttpClient();
		try {
			heartbeats.scheduleAtFixedRate(() -> {
				synchronized (open) {
					open.forEach(FeedSession::heartbeat);
				}
			}, 5, 5, TimeUnit.SECONDS);
			connect(sockets, members, open);
			Duration setup = Duration.ofNanos(System.nanoTime() - started);
			int sessions = open.size();
			Bench.log(NAME + ": " + members.size() + " members, " + sessions + " sessions open after "
					+ setup.toSeconds() + " s");
			Thread.sleep(2000);

			List<Member> writers = members.stream().filter((m) -> !m.role().equals("VIEWER")).toList();
			Series creates = measure(Kind.CREATE, this.settings.events(), writers, projectId);
			long rssKb = Machine.rssKb(this.serverPid);
			Series comments = null;
			if (this.settings.comments() > 0 && !pastDeadline()) {
				// one task of the project for the whole conversation (its created frame is not ours:
				// the title has no number); every member comments in turn, viewers too
				String task = request("POST", "/api/tasks", bearer(members.get(0)),
						"{\"title\":\"Bench conversation\",\"projectId\":" + projectId + "}", 201);
				Matcher id = ID.matcher(task);
				if (!id.find()) {
					throw new IOException("no task id in " + task);
				}
				this.commentTaskId = Long.parseLong(id.group(1));
				Thread.sleep(1000);
				comments = measure(Kind.COMMENT, this.settings.comments(), members, projectId);
				Bench.log(NAME + ": comments on task " + this.commentTaskId + " done");
			}
			return new Result(this.settings, sessions, creates, comments, this.malformed.get(), setup, rssKb,
					this.problemCount, List.copyOf(this.problems), pastDeadline());
		}
		finally {
			heartbeats.shutdownNow();
			synchronized (open) {
				open.forEach(FeedSession::close);
				open.clear();
			}
		}
	}

	/** Unmeasured events first (the first frames of a cold path: JIT, the audience query's plan), then measured ones. */
	private Series measure(Kind kind, int count, List<Member> authors, long projectId) throws Exception {
		long[] warmUp = series(kind, 1, this.settings.warmUpEvents(), authors, projectId, null, null, null);
		Histogram delivery = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		Histogram lastDelivery = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		Histogram post = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		long[] cpuBefore = cpuTicks();
		long[] measured = series(kind, this.settings.warmUpEvents() + 1, count, authors, projectId, delivery,
				lastDelivery, post);
		Cpu cpu = Cpu.between(cpuBefore, cpuTicks());
		return new Series((int) measured[0], measured[1], measured[2], measured[3], delivery, lastDelivery, post,
				warmUp[1], warmUp[2], cpu);
	}

	// ---------------------------------------------------------------- set-up

	/** Registers the accounts (two at a time: each costs a BCrypt hash) and mints a token each. */
	private List<Member> register() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Member>> pending = new ArrayList<>();
			for (int i = 1; i <= this.settings.members(); i++) {
				int n = i;
				pending.add(pool.submit(() -> {
					String email = "project-member-" + n + "@example.com";
					String password = "bench-password-" + n;
					String role = (n == 1) ? "OWNER" : ((n % 2 == 0) ? "EDITOR" : "VIEWER");
					request("POST", "/api/users", null, "{\"email\":\"" + email + "\",\"password\":\"" + password
							+ "\",\"displayName\":\"Member " + n + "\"}", 201);
					String basic = "Basic " + Base64.getEncoder()
						.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
					String body = request("POST", "/api/tokens", basic, "{\"name\":\"bench\"}", 201);
					Matcher token = TOKEN.matcher(body);
					if (!token.find()) {
						throw new IOException("no token in " + body);
					}
					return new Member(email, token.group(1), role);
				}));
			}
			List<Member> members = new ArrayList<>();
			for (Future<Member> member : pending) {
				checkDeadline("registering accounts");
				members.add(member.get(Math.max(1, remainingMillis()), TimeUnit.MILLISECONDS));
			}
			return members;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long createProject(List<Member> members) throws Exception {
		String owner = bearer(members.get(0));
		String project = request("POST", "/api/projects", owner, "{\"name\":\"Bench project\"}", 201);
		Matcher id = ID.matcher(project);
		if (!id.find()) {
			throw new IOException("no project id in " + project);
		}
		long projectId = Long.parseLong(id.group(1));
		for (Member member : members.subList(1, members.size())) {
			checkDeadline("adding members");
			request("POST", "/api/projects/" + projectId + "/members", owner,
					"{\"email\":\"" + member.email() + "\",\"role\":\"" + member.role() + "\"}", 201);
		}
		return projectId;
	}

	/** Opens every member's sessions, a couple of hundred handshakes at a time. */
	private void connect(HttpClient sockets, List<Member> members, List<FeedSession> open) throws Exception {
		URI ws = URI.create(this.base.replace("http:", "ws:") + "/ws");
		Semaphore inFlight = new Semaphore(200);
		List<CompletableFuture<FeedSession>> pending = new ArrayList<>();
		int index = 0;
		for (Member member : members) {
			for (int s = 0; s < this.settings.sessionsPerMember(); s++) {
				checkDeadline("opening sessions");
				inFlight.acquire();
				int session = index++;
				pending.add(FeedSession.open(sockets, ws, member.token(), (body) -> received(session, body))
					.orTimeout(30, TimeUnit.SECONDS)
					.whenComplete((opened, failure) -> {
						inFlight.release();
						if (failure == null) {
							synchronized (open) {
								open.add(opened);
							}
						}
					}));
			}
		}
		for (CompletableFuture<FeedSession> session : pending) {
			try {
				session.join();
			}
			catch (RuntimeException ex) {
				problem("session: " + ((ex.getCause() != null) ? ex.getCause() : ex));
			}
		}
		if (open.size() < this.settings.sessions()) {
			throw new IllegalStateException(NAME + ": only " + open.size() + " of " + this.settings.sessions()
					+ " sessions opened: " + this.problems);
		}
	}

	// ---------------------------------------------------------------- the measured series

	private void received(int session, String body) {
		long now = System.nanoTime();
		if (body.startsWith("{\"type\":\"comment-added\"")) {
			Matcher comment = COMMENT.matcher(body);
			if (!comment.find()) {
				return; // not one of ours
			}
			if (!body.startsWith("{\"type\":\"comment-added\",\"taskId\":" + this.commentTaskId + ",")
					|| !body.contains("\"comment\":{") || !body.contains("\"actor\":{")) {
				this.malformed.incrementAndGet();
				return;
			}
			arrived(this.comments.get(Long.parseLong(comment.group(1))), session, now);
			return;
		}
		Matcher title = TITLE.matcher(body);
		if (!title.find()) {
			return; // not one of ours (a project-joined, say)
		}
		if (!body.startsWith("{\"type\":\"created\"") || !body.contains("\"actor\":{")) {
			this.malformed.incrementAndGet();
			return;
		}
		arrived(this.events.get(Long.parseLong(title.group(1))), session, now);
	}

	private void arrived(Event event, int session, long now) {
		if (event == null) {
			this.malformed.incrementAndGet();
			return;
		}
		if (event.arrivals.compareAndSet(session, 0, now)) {
			event.all.countDown();
		}
		else {
			event.duplicates.incrementAndGet();
		}
	}

	/**
	 * {@code count} creates or comments, one at a time, the authors taking turns: each waits
	 * for its frames at every session (or {@link #EVENT_WAIT}), then the gap. Returns
	 * {events done, expected, received, duplicates}.
	 */
	private long[] series(Kind kind, long first, int count, List<Member> authors, long projectId,
			Histogram delivery, Histogram lastDelivery, Histogram post) throws Exception {
		int sessions = this.settings.sessions();
		List<Event> done = new ArrayList<>();
		for (long seq = first; seq < first + count && !pastDeadline(); seq++) {
			Member author = authors.get((int) (seq % authors.size()));
			Event event = new Event(sessions);
			String path;
			String json;
			if (kind == Kind.CREATE) {
				this.events.put(seq, event);
				path = "/api/tasks";
				json = "{\"title\":\"" + TITLE_PREFIX + seq + "\",\"projectId\":" + projectId + "}";
			}
			else {
				this.comments.put(seq, event);
				path = "/api/tasks/" + this.commentTaskId + "/comments";
				json = "{\"body\":\"" + COMMENT_PREFIX + seq + "\"}";
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(REQUEST_TIMEOUT)
				.header("Authorization", bearer(author))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build();
			event.sent = System.nanoTime();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				long answered = System.nanoTime();
				if (response.statusCode() != 201) {
					problem(kind.word + " " + seq + " answered " + response.statusCode() + ": " + response.body());
				}
				else if (post != null) {
					post.recordValue(TimeUnit.NANOSECONDS.toMicros(answered - event.sent));
				}
			}
			catch (IOException ex) {
				problem(kind.word + " " + seq + ": " + ex);
			}
			done.add(event);
			if (!event.all.await(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				problem(kind.word + " " + seq + ": " + event.all.getCount() + " of " + sessions + " sessions had no frame after "
						+ EVENT_WAIT.toSeconds() + " s");
			}
			Thread.sleep(this.settings.gap().toMillis());
		}
		// late frames still count (and show in the maximum): a last look after a grace period
		Thread.sleep(1000);
		long expected = 0;
		long received = 0;
		long duplicates = 0;
		for (Event event : done) {
			expected += sessions;
			duplicates += event.duplicates.get();
			long last = 0;
			for (int s = 0; s < sessions; s++) {
				long arrival = event.arrivals.get(s);
				if (arrival != 0) {
					received++;
					long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(arrival - event.sent));
					last = Math.max(last, micros);
					if (delivery != null) {
						delivery.recordValue(micros);
					}
				}
			}
			if (lastDelivery != null && last > 0) {
				lastDelivery.recordValue(last);
			}
		}
		return new long[] { done.size(), expected, received, duplicates };
	}

	// ---------------------------------------------------------------- helpers

	private String request(String method, String path, String authorization, String json, int expected)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/** {machine total, machine busy, server, driver}, in clock ticks. */
	private long[] cpuTicks() {
		return new long[] { Machine.cpuTicks()[0], Machine.busyTicks(), Machine.processTicks(this.serverPid),
				Machine.processTicks(ProcessHandle.current().pid()) };
	}

	private static String bearer(Member member) {
		return "Bearer " + member.token();
	}

	private synchronized void problem(String cause) {
		this.problemCount++;
		if (this.problems.size() < 5) {
			this.problems.add(cause);
		}
		if (this.problemCount <= 20) {
			Bench.log(NAME + ": " + cause);
		}
	}

	private boolean pastDeadline() {
		return System.nanoTime() - this.deadline > 0;
	}

	private long remainingMillis() {
		return TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
	}

	private void checkDeadline(String doing) {
		if (pastDeadline()) {
			throw new IllegalStateException(NAME + ": still " + doing + " at the step's deadline ("
					+ this.settings.deadline().toSeconds() + " s)");
		}
	}

}
