package dev.taskfeed.feed;

import org.jspecify.annotations.Nullable;
import dev.taskfeed.common.LoggedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * What a STOMP ERROR frame says: what was refused, in the client's terms (the command and
 * the destination), and nothing about the server's insides. And what the log says: a
 * frame the client should not have sent (refused by the channel security or by
 * {@link FrameRules}, or not STOMP at all) is one WARN line with the ERROR frame's text,
 * anything else an ERROR with its stack trace. Spring's own report of the same failure is
 * held back by {@link StompRefusalLogFilter}.
 */
class FeedErrorHandler extends StompSubProtocolErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(FeedErrorHandler.class);

	static final String NOT_STOMP = "The frame was refused: it is not a STOMP frame "
			+ "(a command such as SUBSCRIBE, then name:value header lines, a blank line, a body and NUL)";

	static final String ALLOWED = "/user/queue/tasks, /user/queue/presence, /app/presence, /topic/presence "
			+ "or, as a member, /app/projects/{id}/presence";

	@Override
	public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage,
			Throwable ex) {
		StompHeaderAccessor client = (clientMessage != null)
				? MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class) : null;
		String session = (clientMessage != null) ? SimpMessageHeaderAccessor.getSessionId(clientMessage.getHeaders())
				: null;
		if (clientMessage == null) {
			// the frame could not be parsed
			logger.warn("Refused a frame on the live feed that is not STOMP: {}", LoggedText.text(String.valueOf(ex)));
		}
		else if (isRefusal(ex)) {
			logger.warn("Refused a STOMP frame{}: {}", (session != null) ? " in session " + session : "",
					LoggedText.text(describe(ex, client)));
		}
		else {
			logger.error("Failed to process a STOMP {} in session {}",
					(client != null && client.getCommand() != null) ? client.getCommand() : "frame", session, ex);
		}
		return super.handleClientMessageProcessingError(clientMessage, ex);
	}

	@Override
	protected Message<byte[]> handleInternal(StompHeaderAccessor errorHeaderAccessor, byte[] errorPayload,
			@Nullable Throwable cause, @Nullable StompHeaderAccessor clientHeaderAccessor) {
		errorHeaderAccessor.setMessage(describe(cause, clientHeaderAccessor));
		return MessageBuilder.createMessage(new byte[0], errorHeaderAccessor.getMessageHeaders());
	}

	static String describe(@Nullable Throwable cause, @Nullable StompHeaderAccessor client) {
		StompCommand command = (client != null) ? client.getCommand() : null;
		String destination = (client != null) ? client.getDestination() : null;
		if (client == null && cause != null) {
			// what the client sent could not be parsed
			return NOT_STOMP;
		}
		for (Throwable current = cause; current != null
				&& current.getCause() != current; current = current.getCause()) {
			if (current instanceof FrameRules.RefusedFrame refused) {
				return refused.getMessage();
			}
		}
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

	private static boolean isRefusal(Throwable ex) {
		return causedBy(ex, AccessDeniedException.class) || causedBy(ex, CsrfException.class)
				|| causedBy(ex, FrameRules.RefusedFrame.class);
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
