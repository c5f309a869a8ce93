package dev.taskfeed.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame the client should not have sent is one WARN line; a failure of the server's own
 * keeps its ERROR and its stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedErrorHandlerTests {

	private final FeedErrorHandler handler = new FeedErrorHandler();

	@Test
	void aRefusedFrameIsOneWarnLine(CapturedOutput output) {
		this.handler.handleClientMessageProcessingError(subscribe("/queue/secret"), new MessageDeliveryException(
				subscribe("/x"), "Failed to send", new AccessDeniedException("Access Denied")));
		assertThat(output.getAll()).contains("WARN")
			.contains("SUBSCRIBE to /queue/secret refused")
			.doesNotContain("ERROR")
			.doesNotContain("\tat ");
	}

	@Test
	void aFailureOfTheServersOwnIsAnErrorWithItsStackTrace(CapturedOutput output) {
		Message<byte[]> error = this.handler.handleClientMessageProcessingError(subscribe("/app/presence"),
				new MessageDeliveryException(subscribe("/x"), "Failed to send",
						new IllegalStateException("the broker broke")));
		assertThat(output.getAll()).contains("ERROR")
			.contains("Failed to process a STOMP SUBSCRIBE")
			.contains("IllegalStateException: the broker broke")
			.contains("\tat ");
		// the client is told nothing of the server's insides
		assertThat(StompHeaderAccessor.wrap(error).getMessage()).isEqualTo("SUBSCRIBE could not be processed");
	}

	private static Message<byte[]> subscribe(String destination) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		frame.setDestination(destination);
		frame.setSubscriptionId("1");
		frame.setSessionId("s1");
		return MessageBuilder.createMessage(new byte[0], frame.getMessageHeaders());
	}

}
