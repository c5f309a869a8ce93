package dev.taskfeed.feed;

import java.util.List;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What STOMP requires of a frame and Spring would otherwise let through: a CONNECT that
 * offers a version the feed speaks (Spring speaks 1.1 and 1.2; without
 * {@code accept-version} a client means 1.0, and got no answer at all), a SUBSCRIBE or
 * UNSUBSCRIBE with an {@code id} (the broker would log an error and leave the client
 * waiting). Refused with an ERROR frame that says so, and the connection closes.
 */
class FrameRules implements ChannelInterceptor {

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		StompCommand command = (frame != null) ? frame.getCommand() : null;
		if (command == null) {
			return message;
		}
		if ((command == StompCommand.CONNECT || command == StompCommand.STOMP) && !speaksOurVersion(frame)) {
			throw new RefusedFrame(command.name() + " refused: this server speaks STOMP 1.1 and 1.2 only; "
					+ "send accept-version:1.2 (or 1.1)");
		}
		if ((command == StompCommand.SUBSCRIBE || command == StompCommand.UNSUBSCRIBE)
				&& frame.getSubscriptionId() == null) {
			throw new RefusedFrame(command.name() + " refused: it has no id header");
		}
		return message;
	}

	private static boolean speaksOurVersion(StompHeaderAccessor frame) {
		List<String> offered = frame.getNativeHeader(StompHeaderAccessor.STOMP_ACCEPT_VERSION_HEADER);
		if (offered == null) {
			return false;
		}
		for (String versions : offered) {
			for (String version : versions.split(",")) {
				if (version.trim().equals("1.1") || version.trim().equals("1.2")) {
					return true;
				}
			}
		}
		return false;
	}

	/** A frame refused by these rules; its message is the ERROR frame's. */
	static final class RefusedFrame extends RuntimeException {

		RefusedFrame(String message) {
			super(message, null, false, false);
		}

	}

}
