package dev.taskfeed.feed;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskfeed.project.ProjectAudience;
import dev.taskfeed.project.ProjectAudience.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Who of a project's members is online: {@code /app/projects/{id}/presence} answers a
 * member at once, and {@code /user/queue/presence} carries the same for each shared
 * project of the caller whenever it changes (connects, disconnects, members added or
 * removed), coalesced like {@code /topic/presence}. With the RabbitMQ relay the sessions
 * of every instance count (their registry broadcasts). Only members ever receive a
 * project's presence: a member removed is dropped from it and stops getting it at once.
 */
@Controller
class ProjectPresence {

	static final String QUEUE = "/queue/presence";

	private static final Duration COALESCE = Duration.ofMillis(200);

	private static final Logger logger = LoggerFactory.getLogger(ProjectPresence.class);

	private final OnlineUsers online;

	private final SimpMessagingTemplate messaging;

	private final TaskScheduler scheduler;

	private final FeedRelaySettings relay;

	private final ProjectAudience audience;

	private final TransactionTemplate transactions;

	private final AtomicBoolean pending = new AtomicBoolean();

	private final Set<Long> changedProjects = ConcurrentHashMap.newKeySet();

	/** Sessions per online user when the last update went out. */
	private volatile Map<String, Integer> lastOnline = Map.of();

	ProjectPresence(OnlineUsers online, SimpMessagingTemplate messaging,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, FeedRelaySettings relay,
			ProjectAudience audience, PlatformTransactionManager transactionManager) {
		this.online = online;
		this.messaging = messaging;
		this.scheduler = scheduler;
		this.relay = relay;
		this.audience = audience;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Members only: the channel security refuses anyone else's SUBSCRIBE. */
	@SubscribeMapping("/projects/{id}/presence")
	ProjectOnline current(@DestinationVariable long id, Principal principal) {
		List<Member> members = this.audience.membersOf(List.of(id)).getOrDefault(id, List.of());
		return online(id, members, onlineNow());
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		sendSoon();
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		sendSoon();
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (this.relay.isEnabled()) {
			this.scheduler.scheduleWithFixedDelay(() -> {
				if (!onlineNow().equals(this.lastOnline)) {
					sendSoon();
				}
			}, this.relay.registryBroadcastInterval());
		}
	}

	/** Members joined or left the project: its members online hear of it. */
	void membershipChanged(long projectId) {
		this.changedProjects.add(projectId);
		sendSoon();
	}

	private void sendSoon() {
		if (this.pending.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::send, Instant.now().plus(COALESCE));
			}
			catch (TaskRejectedException ex) {
				this.pending.set(false);
			}
		}
	}

	private void send() {
		this.pending.set(false);
		Map<String, Integer> before = this.lastOnline;
		Map<String, Integer> now = onlineNow();
		Set<String> changedUsers = changedUsers(before, now);
		this.lastOnline = now;
		Set<Long> projects = new HashSet<>(this.changedProjects);
		this.changedProjects.removeAll(projects);
		try {
			// the memberships stay until the updates are handed to the broker, so a
			// removal
			// answered before an update went out, here or on another instance, is in it
			this.transactions.executeWithoutResult((status) -> {
				Set<Long> affected = new HashSet<>(projects);
				affected.addAll(this.audience.sharedProjectsOf(changedUsers));
				this.audience.holdMemberships(affected);
				this.audience.membersOf(affected).forEach((projectId, members) -> {
					ProjectOnline view = online(projectId, members, now);
					for (Member member : members) {
						if (now.containsKey(member.name())) {
							this.messaging.convertAndSendToUser(member.name(), QUEUE, view);
						}
					}
				});
			});
		}
		catch (RuntimeException ex) {
			// the broker or the database is away: what was to be said is said with the
			// next
			// change (or the relay's next check)
			this.changedProjects.addAll(projects);
			this.lastOnline = before;
			logger.debug("Could not send project presence: {}", ex.toString());
		}
	}

	private static Set<String> changedUsers(Map<String, Integer> before, Map<String, Integer> now) {
		Set<String> changed = new HashSet<>();
		now.forEach((name, sessions) -> {
			if (!Objects.equals(before.get(name), sessions)) {
				changed.add(name);
			}
		});
		before.keySet().stream().filter((name) -> !now.containsKey(name)).forEach(changed::add);
		return changed;
	}

	private static ProjectOnline online(long projectId, List<Member> members, Map<String, Integer> now) {
		List<Online> online = new ArrayList<>();
		for (Member member : members) {
			Integer sessions = now.get(member.name());
			if (sessions != null) {
				online.add(new Online(member.userId(), member.displayName(), sessions));
			}
		}
		online.sort(Comparator.comparing((Online o) -> o.displayName().toLowerCase()).thenComparing(Online::id));
		return new ProjectOnline(projectId, online);
	}

	/** Sessions per online user, every instance included, each session counted once. */
	private Map<String, Integer> onlineNow() {
		Map<String, Integer> counts = new HashMap<>();
		this.online.sessionsByUser().forEach((name, ids) -> counts.put(name, ids.size()));
		return counts;
	}

	record ProjectOnline(long projectId, List<Online> online) {
	}

	record Online(long id, String displayName, int sessions) {
	}

}
