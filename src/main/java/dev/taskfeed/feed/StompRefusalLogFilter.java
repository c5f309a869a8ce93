package dev.taskfeed.feed;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Spring's STOMP handler logs every frame it could not pass on (refused by the channel
 * security, say) and every frame it could not parse at ERROR, the latter with a stack
 * trace, before it hands the failure to {@link FeedErrorHandler}, which sees the cause
 * and logs it as it deserves (one WARN line for a client's refused or malformed frame, an
 * ERROR with its stack trace otherwise). These two reports, and only these, are held
 * back; the handler's DEBUG output is left alone.
 */
class StompRefusalLogFilter extends TurboFilter {

	private static final String HANDLER = "org.springframework.web.socket.messaging.StompSubProtocolHandler";

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.ERROR || format == null || !HANDLER.equals(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		boolean reportedByTheErrorHandler = format.startsWith("Failed to send message to MessageChannel in session ")
				|| format.startsWith("Failed to parse ");
		return reportedByTheErrorHandler ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

	/**
	 * Installs the filter once logging is set up, and again if a later start set logging
	 * up anew.
	 */
	static class Installer implements ApplicationListener<ApplicationPreparedEvent> {

		@Override
		public void onApplicationEvent(ApplicationPreparedEvent event) {
			if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
				return;
			}
			boolean installed = context.getTurboFilterList().stream().anyMatch(StompRefusalLogFilter.class::isInstance);
			if (!installed) {
				context.addTurboFilter(new StompRefusalLogFilter());
			}
		}

	}

}
