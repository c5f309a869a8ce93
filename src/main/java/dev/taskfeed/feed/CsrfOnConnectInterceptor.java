package dev.taskfeed.feed;

import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;

/**
 * Requires the page's CSRF token ({@code X-CSRF-TOKEN}) on CONNECT when the WebSocket was
 * opened with a session cookie, so another site cannot ride a signed-in browser's
 * session.
 */
public class CsrfOnConnectInterceptor implements ChannelInterceptor {

	public static final String CSRF_REQUIRED = "taskfeed.csrfRequired";

	private final XorCsrfChannelInterceptor csrf = new XorCsrfChannelInterceptor();

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.CONNECT) {
			return message;
		}
		Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
		if (attributes != null && Boolean.FALSE.equals(attributes.get(CSRF_REQUIRED))) {
			return message;
		}
		return this.csrf.preSend(message, channel);
	}

}
