package dev.taskfeed.feed;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * What a STOMP ERROR frame says: what was refused, in the client's terms (the command and
 * the destination), and nothing about the server's insides.
 */
class FeedErrorHandler extends StompSubProtocolErrorHandler {

	static final String ALLOWED = "/user/queue/tasks, /user/queue/presence, /app/presence, /topic/presence "
			+ "or, as a member, /app/projects/{id}/presence";

	@Override
	protected Message<byte[]> handleInternal(StompHeaderAccessor errorHeaderAccessor, byte[] errorPayload,
			@Nullable Throwable cause, @Nullable StompHeaderAccessor clientHeaderAccessor) {
		errorHeaderAccessor.setMessage(describe(cause, clientHeaderAccessor));
		return MessageBuilder.createMessage(new byte[0], errorHeaderAccessor.getMessageHeaders());
	}

	static String describe(@Nullable Throwable cause, @Nullable StompHeaderAccessor client) {
		StompCommand command = (client != null) ? client.getCommand() : null;
		String destination = (client != null) ? client.getDestination() : null;
		if (causedBy(cause, CsrfException.class)) {
			return "CONNECT refused: a browser connection must send the page's CSRF token in the X-CSRF-TOKEN header";
		}
		if (causedBy(cause, AccessDeniedException.class)) {
			if ((command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) && destination == null) {
				return command.name() + " refused: it names no destination";
			}
			if (command == StompCommand.SUBSCRIBE) {
				return "SUBSCRIBE to " + destination + " refused: you may subscribe to " + ALLOWED;
			}
			if (command == StompCommand.SEND) {
				return "SEND to " + destination
						+ " refused: the one SEND a client makes is /app/tasks/{id}/typing, on a task it can see";
			}
			if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
				return "CONNECT refused: sign in on the WebSocket handshake";
			}
			return ((command != null) ? command.name() : "The frame") + " refused: not allowed";
		}
		return ((command != null) ? command.name() : "The frame") + " could not be processed";
	}

	private static boolean causedBy(@Nullable Throwable cause, Class<? extends Throwable> type) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				return false;
			}
		}
		return false;
	}

}
