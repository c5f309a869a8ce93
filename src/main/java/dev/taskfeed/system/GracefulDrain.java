package dev.taskfeed.system;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of shutting down (SIGTERM), before Spring Boot's graceful shutdown: the
 * listening socket closes at once, so new connections are refused rather than accepted
 * and then reset; connections already open keep being served, every answer saying
 * {@code Connection: close}, so a client finishes the request it is making and learns not
 * to send another on that connection. Once no request has started for a moment (at most
 * {@link #MAX_DRAIN}), graceful shutdown proceeds: it waits for requests still running,
 * then closes what is left.
 */
class GracefulDrain extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

	static final Duration QUIET = Duration.ofMillis(300);

	static final Duration MAX_DRAIN = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(GracefulDrain.class);

	private final ApplicationContext context;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong lastStart = new AtomicLong(System.nanoTime());

	private volatile boolean draining;

	GracefulDrain(ApplicationContext context) {
		this.context = context;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.active.incrementAndGet();
		this.lastStart.set(System.nanoTime());
		try {
			if (this.draining) {
				response.setHeader(HttpHeaders.CONNECTION, "close");
			}
			chain.doFilter(request, response);
		}
		finally {
			this.active.decrementAndGet();
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * The first thing a shutdown does (the context announces it is closing before it
	 * stops anything), so that from the moment SIGTERM arrives every answer says
	 * Connection: close.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		if (!(this.context instanceof WebServerApplicationContext web)
				|| !(web.getWebServer() instanceof TomcatWebServer tomcat)) {
			return;
		}
		this.draining = true;
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			connector.getProtocolHandler().closeServerSocketGraceful();
		}
		long deadline = System.nanoTime() + MAX_DRAIN.toNanos();
		while (System.nanoTime() < deadline && !quiet()) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		logger.info("Stopped accepting connections; open ones drained ({} requests still running)", this.active.get());
	}

	private boolean quiet() {
		return this.active.get() == 0 && System.nanoTime() - this.lastStart.get() > QUIET.toNanos();
	}

}
