package dev.taskfeed.feed;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Per-connection buffers sized for thousands of open live-feed connections. Tomcat gives
 * every connection a read and a write buffer, and every WebSocket session five more
 * (frame input, text and binary message, output, encoder) of
 * {@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} (8 KiB by default, text counted
 * in 2-byte chars): about 72 KiB a session, 720 MB for 10,000. Feed clients send only
 * frames of a few hundred bytes and receive messages of a few KiB, so 1 KiB WebSocket
 * buffers and 1 KiB read and 4 KiB write socket buffers do the same work in a fraction of
 * the memory; larger requests and messages simply take more reads and writes.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

	static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	@Bean
	TomcatConnectorCustomizer socketBuffers() {
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", "1024");
			connector.setProperty("socket.appWriteBufSize", "4096");
			// outside the heap: -Xmx bounds how many idle connections fit,
			// the buffers need not count
			connector.setProperty("socket.directBuffer", "true");
		};
	}

	/**
	 * Tomcat reads its WebSocket buffer size from a system property, once, when its
	 * WebSocket classes load: this sets it, unless given, before the server starts.
	 */
	static class WebSocketBufferSize implements EnvironmentPostProcessor {

		@Override
		public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
			if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
				System.setProperty(WEBSOCKET_BUFFER_SIZE, "1024");
			}
		}

	}

}
