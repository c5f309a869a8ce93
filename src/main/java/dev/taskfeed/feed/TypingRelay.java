package dev.taskfeed.feed;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskfeed.comment.CommentView;
import dev.taskfeed.project.ProjectAudience;
import dev.taskfeed.project.ProjectAudience.Member;
import dev.taskfeed.task.TaskAccess;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.user.TaskFeedPrincipal;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * "Bob is typing": a member's {@code SEND /app/tasks/{id}/typing} reaches the other
 * members' sessions on {@code /user/queue/tasks}. Nothing is stored; at most one a second
 * per session is passed on (typing is a hint, not a stream). Only members of the task's
 * project may send it: the channel security refuses anyone else's SEND with an ERROR
 * frame, so it reaches nobody.
 */
@Controller
class TypingRelay {

	static final long INTERVAL_NANOS = 1_000_000_000L;

	private final TaskService tasks;

	private final ProjectAudience audience;

	private final SimpMessagingTemplate messaging;

	private final Map<String, Long> lastBySession = new ConcurrentHashMap<>();

	TypingRelay(TaskService tasks, ProjectAudience audience, SimpMessagingTemplate messaging) {
		this.tasks = tasks;
		this.audience = audience;
		this.messaging = messaging;
	}

	@MessageMapping("/tasks/{id}/typing")
	void typing(@DestinationVariable long id, Principal principal,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
		if (!(principal instanceof Authentication authentication)
				|| !(authentication.getPrincipal() instanceof TaskFeedPrincipal me) || !honoured(sessionId)) {
			return;
		}
		TaskAccess task = this.tasks.findAccess(me.id(), id).orElse(null);
		if (task == null) {
			return;
		}
		TaskFeedMessage message = new TaskFeedMessage.Typing(id, new CommentView.Author(me.id(), me.displayName()));
		List<Member> members = this.audience.membersOf(List.of(task.getProjectId()))
			.getOrDefault(task.getProjectId(), List.of());
		for (Member member : members) {
			if (member.userId() != me.id()) {
				this.messaging.convertAndSendToUser(member.name(), TaskFeedPublisher.DESTINATION, message);
			}
		}
	}

	/** One a second per session; the rest are dropped. */
	private boolean honoured(String sessionId) {
		long now = System.nanoTime();
		boolean[] honoured = { false };
		this.lastBySession.compute(sessionId, (session, last) -> {
			if (last == null || now - last >= INTERVAL_NANOS) {
				honoured[0] = true;
				return now;
			}
			return last;
		});
		return honoured[0];
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		this.lastBySession.remove(event.getSessionId());
	}

}
