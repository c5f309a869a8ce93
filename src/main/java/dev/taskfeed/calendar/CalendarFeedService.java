package dev.taskfeed.calendar;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.taskfeed.common.Sha256;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.task.Task;
import dev.taskfeed.task.TaskView;
import dev.taskfeed.user.User;
import dev.taskfeed.user.UserRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secret calendar URLs, made like API tokens: 256 random bits shown once, in the URL
 * {@code /calendar/tfc_<base64url>.ics}; only their SHA-256 is stored, and revoking
 * deletes the row.
 */
@Service
@Transactional(readOnly = true)
public class CalendarFeedService {

	static final String PREFIX = "tfc_";

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final CalendarFeedRepository feeds;

	private final CalendarTaskRepository tasks;

	private final UserRepository users;

	private final Clock clock;

	private final ProjectService projects;

	CalendarFeedService(CalendarFeedRepository feeds, CalendarTaskRepository tasks, UserRepository users,
			ProjectService projects, Clock clock) {
		this.projects = projects;
		this.feeds = feeds;
		this.tasks = tasks;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Creates a URL showing every project's tasks of the user; {@code baseUrl} is where
	 * this server is reached.
	 */
	@Transactional
	public CalendarFeedView create(long userId, String baseUrl) {
		return create(userId, baseUrl, CalendarFeed.SCOPE_ALL, null);
	}

	/**
	 * Creates a URL of one scope: {@code all}, {@code assigned} (the tasks assigned to
	 * the user) or {@code project} (one project the user is a member of, 404 otherwise).
	 */
	@Transactional
	public CalendarFeedView create(long userId, String baseUrl, String scope, Long projectId) {
		String chosen = (scope != null) ? scope : CalendarFeed.SCOPE_ALL;
		switch (chosen) {
			case CalendarFeed.SCOPE_ALL, CalendarFeed.SCOPE_ASSIGNED -> {
				if (projectId != null) {
					throw DomainException.invalidField("projectId", "is only for the scope project");
				}
			}
			case CalendarFeed.SCOPE_PROJECT -> {
				if (projectId == null) {
					throw DomainException.invalidField("projectId", "must name a project for the scope project");
				}
				this.projects.roleOf(userId, projectId);
			}
			default -> throw DomainException.invalidField("scope", "must be all, assigned or project");
		}
		byte[] secretBytes = new byte[32];
		this.random.nextBytes(secretBytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
		User user = this.users.getReferenceById(userId);
		CalendarFeed feed = this.feeds
			.save(new CalendarFeed(user, hash(secret), chosen, projectId, Instant.now(this.clock)));
		return new CalendarFeedView(feed.getId(), feed.getScope(), feed.getProjectId(), urlOf(baseUrl, secret),
				feed.getCreatedAt(), null);
	}

	public List<CalendarFeedView> list(long userId) {
		return this.feeds.findByUserId(userId).stream().map(CalendarFeedView::of).toList();
	}

	@Transactional
	public void revoke(long userId, long feedId) {
		CalendarFeed feed = this.feeds.findByIdAndUserId(feedId, userId)
			.orElseThrow(() -> DomainException.notFound("calendar feed", feedId));
		this.feeds.delete(feed);
	}

	/** What a calendar URL shows, or empty when the secret is unknown or revoked. */
	@Transactional
	public Optional<DueTasks> dueTasks(String secret) {
		if (!secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		return this.feeds.findBySecretHash(hash(secret)).map((feed) -> {
			Instant now = Instant.now(this.clock);
			Instant before = now.minus(LAST_USED_RESOLUTION);
			if (feed.getLastUsedAt() == null || feed.getLastUsedAt().isBefore(before)) {
				this.feeds.markUsed(feed.getId(), now, before);
			}
			User owner = feed.getUser();
			List<TaskView> due = due(feed, owner.getId()).stream().map(TaskView::of).toList();
			return new DueTasks(owner.getDisplayName(), due);
		});
	}

	private List<Task> due(CalendarFeed feed, long userId) {
		return switch (feed.getScope()) {
			case CalendarFeed.SCOPE_ASSIGNED -> this.tasks.findDueAssignedTo(userId);
			case CalendarFeed.SCOPE_PROJECT -> this.tasks.findDueInProject(userId, feed.getProjectId());
			default -> this.tasks.findDueFor(userId);
		};
	}

	static String urlOf(String baseUrl, String secret) {
		return baseUrl + "/calendar/" + secret + ".ics";
	}

	/** The tasks with a due date one calendar URL shows, and whose they are. */
	public record DueTasks(String ownerName, List<TaskView> tasks) {
	}

	private static String hash(String secret) {
		return Sha256.hex(secret);
	}

}
