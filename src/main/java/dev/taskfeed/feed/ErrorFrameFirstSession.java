package dev.taskfeed.feed;

import java.io.IOException;
import java.time.Duration;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * A session that sends its ERROR frame before it closes. A refused frame is answered with
 * an ERROR frame and then a close; when another thread is sending to the same session at
 * that moment (a task event), the ERROR frame waits in the session's buffer, and Spring's
 * decorator drops the buffer on close: the client saw the connection end without being
 * told why. Here a close for a protocol error first waits, briefly, until the buffer is
 * sent.
 */
class ErrorFrameFirstSession extends ConcurrentWebSocketSessionDecorator {

	private static final Duration FLUSH_WAIT = Duration.ofSeconds(1);

	ErrorFrameFirstSession(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
		super(delegate, sendTimeLimit, bufferSizeLimit);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (CloseStatus.PROTOCOL_ERROR.equals(status)) {
			awaitFlushed();
		}
		super.close(status);
	}

	private void awaitFlushed() {
		long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
		while ((getBufferSize() > 0 || getTimeSinceSendStarted() > 0) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
